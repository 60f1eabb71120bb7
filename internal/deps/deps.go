//go:build tools

// Package deps pins modules that the packages being written use, until they import them.
package main
import (
 _ "github.com/xuri/excelize/v2"
 _ "github.com/go-echarts/go-echarts/v2/opts"
 _ "github.com/yuin/goldmark"
 _ "github.com/dop251/goja"
 _ "github.com/chromedp/chromedp"
)
func main(){}
