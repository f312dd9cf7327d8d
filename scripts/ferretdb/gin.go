package main

// FerretDB 1.24 pushes an equality filter down to PostgreSQL as
// `_jsonb->'field' @> '"value"'`, but the indexes it creates are btree indexes on
// `(_jsonb->'field')`, which cannot serve `@>`: every lookup scans the whole table, so a
// query costs time in proportion to the collection size. For each field FerretDB indexes we
// add a companion GIN index on the same expression (jsonb_path_ops serves `@>`), and ask
// PostgreSQL to plan every statement with its parameters (force_custom_plan), so the
// planner sees `_jsonb->'field'` rather than `_jsonb->$1` and matches the index. MongoDB
// in production uses its own indexes; this only makes the local engine index-backed too.

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// withCustomPlans adds plan_cache_mode=force_custom_plan to a PostgreSQL URL (pgx passes
// unknown URL parameters to the server as run-time settings).
func withCustomPlans(pgURL string) (string, error) {
	u, err := url.Parse(pgURL)
	if err != nil {
		return "", err
	}
	q := u.Query()
	if q.Get("plan_cache_mode") == "" {
		q.Set("plan_cache_mode", "force_custom_plan")
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// withoutPoolSettings drops pgxpool's own URL parameters (pool_max_conns, …), which a plain
// connection would send to the server as unknown settings.
func withoutPoolSettings(pgURL string) (string, error) {
	u, err := url.Parse(pgURL)
	if err != nil {
		return "", err
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "pool_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// The btree indexes FerretDB created on document fields, with their definitions.
const ferretIndexesSQL = `
SELECT n.nspname, c.relname, pg_get_indexdef(x.indexrelid)
FROM pg_index x
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE am.amname = 'btree'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND c.relname NOT LIKE '\_ferretdb\_%'
  AND pg_get_indexdef(x.indexrelid) LIKE '%\_jsonb -> %'`

var fieldPattern = regexp.MustCompile(`_jsonb -> '((?:[^']|'')+)'::text`)

// ginIndexName is a stable name of at most 63 bytes for the companion of table.field.
func ginIndexName(table, field string) string {
	sum := sha1.Sum([]byte(field))
	suffix := "_" + hex.EncodeToString(sum[:4]) + "_gin"
	if len(table)+len(suffix) > 63 {
		table = table[:63-len(suffix)]
	}
	return table + suffix
}

// The companion indexes that exist, as "schema.index".
const companionsSQL = `
SELECT n.nspname || '.' || i.relname
FROM pg_class i
JOIN pg_namespace n ON n.oid = i.relnamespace
WHERE i.relkind = 'i' AND i.relname LIKE '%\_gin'`

func existingCompanions(ctx context.Context, conn *pgx.Conn) (map[string]bool, error) {
	rows, err := conn.Query(ctx, companionsSQL)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(names))
	for _, n := range names {
		known[n] = true
	}
	return known, nil
}

// addGINCompanions creates the missing companion indexes once; it returns how many it made.
func addGINCompanions(ctx context.Context, conn *pgx.Conn) (int, error) {
	known, err := existingCompanions(ctx, conn)
	if err != nil {
		return 0, err
	}
	rows, err := conn.Query(ctx, ferretIndexesSQL)
	if err != nil {
		return 0, err
	}
	type target struct{ schema, table, field string }
	var todo []target
	for rows.Next() {
		var schema, table, def string
		if err := rows.Scan(&schema, &table, &def); err != nil {
			rows.Close()
			return 0, err
		}
		for _, m := range fieldPattern.FindAllStringSubmatch(def, -1) {
			field := strings.ReplaceAll(m[1], "''", "'")
			t := target{schema, table, field}
			if !known[schema+"."+ginIndexName(table, field)] {
				todo = append(todo, t)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	made := 0
	for _, t := range todo {
		name := ginIndexName(t.table, t.field)
		if known[t.schema+"."+name] {
			continue
		}
		sql := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s USING gin ((_jsonb -> %s) jsonb_path_ops)`,
			pgx.Identifier{name}.Sanitize(),
			pgx.Identifier{t.schema, t.table}.Sanitize(),
			"'"+strings.ReplaceAll(t.field, "'", "''")+"'",
		)
		// A collection dropped meanwhile, or another process creating the same index, fails
		// this one statement; the next round sees the outcome.
		if _, err := conn.Exec(ctx, sql); err != nil {
			continue
		}
		known[t.schema+"."+name] = true
		made++
	}
	return made, nil
}

// Tables changed a lot since their statistics were taken: a bulk load is seen by the next
// round rather than by autovacuum up to a minute later. Without fresh statistics the planner
// guesses every containment is selective and ANDs the GIN index of a field with few values
// (state = 'pending': most rows) into the plan, reading its whole posting list.
const staleStatsSQL = `
SELECT schemaname, relname
FROM pg_stat_user_tables
WHERE relname NOT LIKE '\_ferretdb\_%'
  AND n_mod_since_analyze >= 1000
  AND n_mod_since_analyze > n_live_tup / 5`

// analyzeChangedTables refreshes the statistics of heavily changed tables; it returns how many.
func analyzeChangedTables(ctx context.Context, conn *pgx.Conn) (int, error) {
	rows, err := conn.Query(ctx, staleStatsSQL)
	if err != nil {
		return 0, err
	}
	type table struct{ schema, name string }
	tables, err := pgx.CollectRows(rows, pgx.RowToStructByPos[table])
	if err != nil {
		return 0, err
	}
	done := 0
	for _, t := range tables {
		if _, err := conn.Exec(ctx, "ANALYZE "+pgx.Identifier{t.schema, t.name}.Sanitize()); err == nil {
			done++
		}
	}
	return done, nil
}

// keepGINCompanions adds companion indexes (and refreshes statistics after bulk changes)
// every interval until ctx ends.
func keepGINCompanions(ctx context.Context, pgURL string, every time.Duration, log *slog.Logger) {
	pgURL, err := withoutPoolSettings(pgURL)
	if err != nil {
		log.Warn("gin companions: bad URL", "err", err)
		return
	}
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		if conn == nil || conn.IsClosed() {
			c, err := pgx.Connect(ctx, pgURL)
			if err == nil {
				conn = c
			} else {
				log.Warn("gin companions: cannot connect", "err", err)
			}
		}
		if conn != nil {
			if made, err := addGINCompanions(ctx, conn); err != nil {
				log.Debug("gin companions: round failed", "err", err)
				conn.Close(context.Background())
				conn = nil
			} else if made > 0 {
				log.Info("gin companions: created indexes", "count", made)
			}
			if conn != nil {
				if n, err := analyzeChangedTables(ctx, conn); err != nil {
					log.Debug("gin companions: analyze failed", "err", err)
				} else if n > 0 {
					log.Debug("gin companions: analyzed tables", "count", n)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
