// Command orders takes orders for the shop.
package main

import (
	"log"
	"net/http"
	"os"
	"sync"

	"github.com/gin-gonic/gin"
)

type order struct {
	ID    int      `json:"id"`
	Items []string `json:"items" binding:"required,min=1"`
}

type book struct {
	mu     sync.Mutex
	orders []order
}

func (b *book) place(c *gin.Context) {
	var o order
	if err := c.ShouldBindJSON(&o); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	b.mu.Lock()
	o.ID = len(b.orders) + 1
	b.orders = append(b.orders, o)
	b.mu.Unlock()
	c.JSON(http.StatusCreated, o)
}

func main() {
	// The image sets PORT=8000 and compose sets it again: this fallback is for `go run .` only.
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}

	r := gin.Default()
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}
	b := &book{}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.POST("/api/orders", b.place)

	if err := r.Run(":" + port); err != nil {
		log.Fatal(err)
	}
}
