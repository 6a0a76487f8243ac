// Command shop serves a small catalogue API behind nginx.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

type item struct {
	ID    int    `json:"id"`
	Name  string `json:"name" binding:"required,max=100"`
	Price int    `json:"price_cents" binding:"gte=0"`
}

type store struct {
	mu     sync.RWMutex
	nextID int
	items  map[int]item
}

func newStore() *store {
	return &store{nextID: 1, items: map[int]item{}}
}

func (s *store) list(c *gin.Context) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]item, 0, len(s.items))
	for _, it := range s.items {
		out = append(out, it)
	}
	c.JSON(http.StatusOK, out)
}

func (s *store) get(c *gin.Context) {
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "id must be a number"})
		return
	}
	s.mu.RLock()
	it, ok := s.items[id]
	s.mu.RUnlock()
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such item"})
		return
	}
	c.JSON(http.StatusOK, it)
}

func (s *store) create(c *gin.Context) {
	var it item
	if err := c.ShouldBindJSON(&it); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	s.mu.Lock()
	it.ID = s.nextID
	s.nextID++
	s.items[it.ID] = it
	s.mu.Unlock()
	c.JSON(http.StatusCreated, it)
}

// ready reports whether the database accepts connections.
func ready(dbAddr string) gin.HandlerFunc {
	return func(c *gin.Context) {
		conn, err := net.DialTimeout("tcp", dbAddr, 2*time.Second)
		if err != nil {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "database unreachable"})
			return
		}
		conn.Close()
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	}
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// healthcheck is run by the container runtime: the final image has no shell, curl or wget.
func healthcheck(port string) int {
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/healthz")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck(port))
	}

	gin.SetMode(gin.ReleaseMode)

	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	// Only nginx, on the compose network, may set X-Forwarded-For.
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}

	s := newStore()
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/readyz", ready(net.JoinHostPort(getenv("DB_HOST", "db"), getenv("DB_PORT", "5432"))))
	api := r.Group("/api")
	api.GET("/items", s.list)
	api.GET("/items/:id", s.get)
	api.POST("/items", s.create)

	srv := &http.Server{
		Addr:              ":" + port,
		Handler:           r,
		ReadHeaderTimeout: 5 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()

	log.Printf("listening on :%s", port)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
