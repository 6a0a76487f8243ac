// Command status serves the public status page with the standard library only.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

var started = time.Now()

func status(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(map[string]any{
		"status": "operational",
		"uptime": time.Since(started).Round(time.Second).String(),
	}); err != nil {
		log.Printf("status: %v", err)
	}
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/", status)

	log.Printf("listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, mux))
}
