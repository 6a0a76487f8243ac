// Package server builds the catalogue's HTTP handler.
package server

import (
	"log"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

type product struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Price int    `json:"price_cents"`
}

var products = []product{
	{ID: 1, Name: "Espresso cup", Price: 900},
	{ID: 2, Name: "Milk jug", Price: 1450},
}

// New returns the gin engine in release mode, trusting X-Forwarded-For only from the compose network.
func New() *gin.Engine {
	gin.SetMode("release")

	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}

	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/api/products", func(c *gin.Context) { c.JSON(http.StatusOK, products) })
	r.GET("/api/products/:id", func(c *gin.Context) {
		id, err := strconv.Atoi(c.Param("id"))
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": "id must be a number"})
			return
		}
		for _, p := range products {
			if p.ID == id {
				c.JSON(http.StatusOK, p)
				return
			}
		}
		c.JSON(http.StatusNotFound, gin.H{"error": "no such product"})
	})
	return r
}
