// Command guestbook keeps a list of greetings.
package main

import (
	"log"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

type greeting struct {
	Name    string `json:"name" binding:"required,max=40"`
	Message string `json:"message" binding:"required,max=280"`
}

var (
	mu        sync.RWMutex
	greetings []greeting
)

func list(c *gin.Context) {
	mu.RLock()
	defer mu.RUnlock()
	c.JSON(http.StatusOK, greetings)
}

func sign(c *gin.Context) {
	var g greeting
	if err := c.ShouldBindJSON(&g); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	mu.Lock()
	greetings = append(greetings, g)
	mu.Unlock()
	c.JSON(http.StatusCreated, g)
}

func main() {
	gin.SetMode(gin.ReleaseMode)

	r := gin.Default()
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/api/greetings", list)
	r.POST("/api/greetings", sign)

	// Without an address gin listens on ":" + $PORT, or ":8080" when PORT is unset.
	if err := r.Run(); err != nil {
		log.Fatal(err)
	}
}
