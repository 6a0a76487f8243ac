// Command notes stores short notes in memory.
package main

import (
	"log"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

type note struct {
	ID   int    `json:"id"`
	Text string `json:"text" binding:"required,max=500"`
}

type notes struct {
	mu    sync.RWMutex
	items map[int]note
	next  int
}

func (n *notes) get(c *gin.Context) {
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "id must be a number"})
		return
	}
	n.mu.RLock()
	it, ok := n.items[id]
	n.mu.RUnlock()
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such note"})
		return
	}
	c.JSON(http.StatusOK, it)
}

func (n *notes) add(c *gin.Context) {
	var it note
	if err := c.ShouldBindJSON(&it); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	n.mu.Lock()
	n.next++
	it.ID = n.next
	n.items[it.ID] = it
	n.mu.Unlock()
	c.JSON(http.StatusCreated, it)
}

func main() {
	n := &notes{items: map[int]note{}}

	r := gin.Default()
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/api/notes/:id", n.get)
	r.POST("/api/notes", n.add)

	log.Fatal(http.ListenAndServe(":8080", r))
}
