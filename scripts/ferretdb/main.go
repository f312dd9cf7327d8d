// Command ferretdb-local runs FerretDB 1.24 embedded, as a MongoDB wire-protocol
// server for tests, the demo and offline machines. Telemetry is off (the embedded
// package never reports) and no debug listener is started.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	host := flag.String("host", "127.0.0.1", "listen address")
	port := flag.Int("port", 27017, "listen port (0 picks a free one)")
	dir := flag.String("dir", ".data/ferretdb", "SQLite data folder")
	backend := flag.String("backend", "sqlite", "backend: sqlite or postgresql")
	pgURL := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/postgres", "PostgreSQL URL for the postgresql backend")
	gin := flag.Bool("gin-companions", true, "postgresql: add GIN indexes so pushed-down equality filters use an index (see gin.go)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn, error, none")
	flag.Parse()

	level := slog.Level(100) // "none": above every level FerretDB logs at
	if *logLevel != "none" {
		if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
			fail("bad --log-level: %v", err)
		}
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: net.JoinHostPort(*host, fmt.Sprint(*port))},
		Logger:   logger,
		Handler:  *backend,
	}
	switch *backend {
	case "sqlite":
		abs, err := filepath.Abs(*dir)
		if err != nil {
			fail("bad --dir: %v", err)
		}
		if err := os.MkdirAll(abs, 0o755); err != nil {
			fail("cannot create %s: %v", abs, err)
		}
		cfg.SQLiteURL = "file:" + abs + "/"
	case "postgresql":
		cfg.PostgreSQLURL = *pgURL
		if *gin {
			u, err := withCustomPlans(*pgURL)
			if err != nil {
				fail("bad --postgresql-url: %v", err)
			}
			cfg.PostgreSQLURL = u
		}
	default:
		fail("unknown --backend %q (use sqlite or postgresql)", *backend)
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		fail("%v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *backend == "postgresql" && *gin {
		go keepGINCompanions(ctx, cfg.PostgreSQLURL, time.Second, logger)
	}

	// The first stdout line is the connection string; scripts wait for it.
	fmt.Println(f.MongoDBURI())

	if err := f.Run(ctx); err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb-local: "+format+"\n", args...)
	os.Exit(1)
}
