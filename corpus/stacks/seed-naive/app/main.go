package main

import (
	"net/http"
	"os"
	"strconv"

	"github.com/gin-gonic/gin"
)

type Item struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Price int    `json:"price_cents"`
}

var items = map[int]Item{}
var nextID = 1

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}

	r := gin.Default()

	r.GET("/healthz", func(c *gin.Context) {
		c.String(http.StatusOK, "ok")
	})

	r.GET("/api/items", func(c *gin.Context) {
		list := []Item{}
		for _, it := range items {
			list = append(list, it)
		}
		c.JSON(http.StatusOK, list)
	})

	r.GET("/api/items/:id", func(c *gin.Context) {
		id, _ := strconv.Atoi(c.Param("id"))
		it, ok := items[id]
		if !ok {
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
			return
		}
		c.JSON(http.StatusOK, it)
	})

	r.POST("/api/items", func(c *gin.Context) {
		var it Item
		if err := c.BindJSON(&it); err != nil {
			return
		}
		it.ID = nextID
		nextID++
		items[it.ID] = it
		c.JSON(http.StatusCreated, it)
	})

	r.Run(":" + port)
}
