// Command inventory tracks stock levels; its settings come from a JSON file.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"sync"

	"github.com/gin-gonic/gin"
)

type config struct {
	Listen  string `json:"listen"`
	GinMode string `json:"gin_mode"`
}

func loadConfig(path string) (config, error) {
	var cfg config
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	err = json.Unmarshal(data, &cfg)
	return cfg, err
}

type stock struct {
	mu     sync.RWMutex
	levels map[string]int
}

func (s *stock) get(c *gin.Context) {
	s.mu.RLock()
	n, ok := s.levels[c.Param("sku")]
	s.mu.RUnlock()
	if !ok {
		c.JSON(http.StatusNotFound, gin.H{"error": "unknown sku"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"sku": c.Param("sku"), "level": n})
}

func main() {
	configPath := flag.String("config", "/etc/inventory/config.json", "path of the JSON configuration")
	flag.Parse()
	cfg, err := loadConfig(*configPath)
	if err != nil {
		log.Fatalf("config: %v", err)
	}

	gin.SetMode(cfg.GinMode)

	s := &stock{levels: map[string]int{"CUP-01": 12, "JUG-02": 3}}
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/api/stock/:sku", s.get)

	if err := r.Run(cfg.Listen); err != nil {
		log.Fatal(err)
	}
}
