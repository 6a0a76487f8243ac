// Command boutique serves the shop's product pages.
package main

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

type product struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

var catalogue = []product{
	{Slug: "linen-shirt", Title: "Linen shirt"},
	{Slug: "wool-scarf", Title: "Wool scarf"},
}

func main() {
	// Verbose route logging while the shop is new.
	gin.SetMode(gin.DebugMode)

	r := gin.Default()
	if err := r.SetTrustedProxies([]string{"172.16.0.0/12"}); err != nil {
		log.Fatal(err)
	}
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	r.GET("/api/products", func(c *gin.Context) { c.JSON(http.StatusOK, catalogue) })

	if err := r.Run(":8080"); err != nil {
		log.Fatal(err)
	}
}
