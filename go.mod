module pledge

go 1.26.0

require golang.org/x/text v0.44.0

require (
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	github.com/yanyiwu/gojieba v1.4.6 // indirect
)
