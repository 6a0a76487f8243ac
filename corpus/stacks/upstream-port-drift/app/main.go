// Command links shortens URLs.
package main

import (
	"crypto/rand"
	"encoding/base64"
	"log"
	"net/http"
	"net/url"
	"os"
	"sync"

	"github.com/gin-gonic/gin"
)

type shortener struct {
	mu    sync.RWMutex
	links map[string]string
}

func (s *shortener) create(c *gin.Context) {
	var req struct {
		URL string `json:"url" binding:"required,url"`
	}
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	if u, err := url.Parse(req.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		c.JSON(http.StatusBadRequest, gin.H{"error": "only http and https links"})
		return
	}
	raw := make([]byte, 6)
	if _, err := rand.Read(raw); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "no randomness"})
		return
	}
	code := base64.RawURLEncoding.EncodeToString(raw)
	s.mu.Lock()
	s.links[code] = req.URL
	s.mu.Unlock()
	c.JSON(http.StatusCreated, gin.H{"code": code})
}

func (s *shortener) follow(c *gin.Context) {
	s.mu.RLock()
	target, ok := s.links[c.Param("code")]
	s.mu.RUnlock()
	if !ok {
		c.String(http.StatusNotFound, "unknown link")
		return
	}
	c.Redirect(http.StatusFound, target)
}

func main() {
	gin.SetMode(os.Getenv("GIN_MODE"))

	s := &shortener{links: map[string]string{}}
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.POST("/api/links", s.create)
	r.GET("/:code", s.follow)

	if err := r.Run(":8080"); err != nil {
		log.Fatal(err)
	}
}
