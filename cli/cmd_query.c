/*
 * cmd_query.c -- `hechos query`: questions to a corpus database made by `hechos ingest`,
 * answered as aligned tables for people or as JSON (--json) for programs.
 *
 * The library answers every query in JSON (hx_store_query); this file only parses the
 * command line and lays the JSON out as tables: one column per chosen member, widths
 * counted in code points, long cells cut with "…".
 */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char usage_query[] =
    "Usage: hechos query --db FILE.db [--json] QUERY [ARGS] [OPTIONS]\n"
    "\n"
    "Queries:\n"
    "  stats                          how many documents, entities, claims... are stored\n"
    "  entities [--type T] [--top N]  entities by number of documents (T: PER, ORG, LOC, MISC)\n"
    "  entity NAME                    an entity (by name or alias): aliases, counts,\n"
    "                                 the entities found in the same documents\n"
    "  timeline NAME                  the events an entity takes part in, by date\n"
    "  claims [--source NAME] [--about NAME]\n"
    "                                 reported statements, newest first\n"
    "  figures ABOUT                  every quantity counting ABOUT, by source and date\n"
    "  conflicts [--window DAYS]      the same thing counted over overlapping time with\n"
    "                                 different figures by different sources\n"
    "  graph [--format dot|graphml|json]\n"
    "                                 actors as nodes, shared events as weighted edges\n"
    "  search TEXT                    documents containing every word of TEXT\n"
    "\n"
    "Options:\n"
    "  --db FILE     the database: a SQLite file, or PostgreSQL as a libpq URI or\n"
    "                connection string (postgresql://..., dbname=...) (required)\n"
    "  --json        print the library's JSON answer (shapes in docs/store.md)\n"
    "  --top N       at most N results\n"
    "\n"
    "Exit status: 0 success (also for empty answers); 64 usage error; 66 database not\n"
    "found; 74 database error.\n";

/* ---------------------------------------------------------------- tables */

typedef struct col {
    const char *path;  /* member, or "a.source" inside an object member */
    const char *head;
    int max;           /* widest cell, in code points */
} col;

static size_t cps(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* The cell of one row as text (malloc'd). */
static char *cell(const json_t *row, const char *path)
{
    const char *dot = strchr(path, '.');
    const json_t *v;
    char buf[64];
    if (dot) {
        char head[32];
        snprintf(head, sizeof head, "%.*s", (int)(dot - path), path);
        v = json_object_get(json_object_get(row, head), dot + 1);
    } else {
        v = json_object_get(row, path);
    }
    if (json_is_string(v)) return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return strdup(buf);
    }
    if (json_is_real(v)) {
        snprintf(buf, sizeof buf, "%.15g", json_real_value(v));
        return strdup(buf);
    }
    if (json_is_true(v)) return strdup("yes");
    if (json_is_false(v)) return strdup("");
    if (json_is_array(v)) { /* a list of names, or of objects with "name" */
        size_t i, n = 0;
        const json_t *x;
        char *out = malloc(1);
        if (!out) return NULL;
        out[0] = '\0';
        json_array_foreach(v, i, x) {
            const char *s = json_is_string(x) ? json_string_value(x) : json_string_value(json_object_get(x, "name"));
            if (!s) continue;
            size_t l = strlen(s);
            char *nb = realloc(out, n + l + 3);
            if (!nb) break;
            out = nb;
            if (n) memcpy(out + n, ", ", 2), n += 2;
            memcpy(out + n, s, l + 1);
            n += l;
        }
        return out;
    }
    return strdup("-");
}

/* Cuts s to at most max code points, ending with "…" when cut. */
static void cut(char *s, int max)
{
    int n = 0;
    for (char *p = s; *p; p++) {
        if (((unsigned char)*p & 0xc0) == 0x80) continue;
        if (n == max - 1 && cps(p) > 1) {
            strcpy(p, "\xe2\x80\xa6");
            return;
        }
        n++;
    }
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
}

static void table(const json_t *arr, const col *cols, int ncols)
{
    size_t nrows = json_array_size(arr);
    int width[16];
    char **cells;
    if (nrows == 0) {
        puts("(none)");
        return;
    }
    if (!(cells = calloc(nrows * (size_t)ncols + 1, sizeof *cells))) return;
    for (int c = 0; c < ncols; c++) width[c] = (int)cps(cols[c].head);
    for (size_t r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            char *s = cell(json_array_get(arr, r), cols[c].path);
            if (s) cut(s, cols[c].max);
            cells[r * (size_t)ncols + (size_t)c] = s;
            if (s && (int)cps(s) > width[c]) width[c] = (int)cps(s);
        }
    for (int c = 0; c < ncols; c++) printf("%s%-*s", c ? "  " : "", c + 1 < ncols ? width[c] : 0, cols[c].head);
    putchar('\n');
    for (int c = 0; c < ncols; c++) {
        printf("%s", c ? "  " : "");
        for (int k = 0; k < width[c]; k++) putchar('-');
    }
    putchar('\n');
    for (size_t r = 0; r < nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            const char *s = cells[r * (size_t)ncols + (size_t)c];
            s = s ? s : "";
            int pad = c + 1 < ncols ? width[c] - (int)cps(s) : 0;
            printf("%s%s%*s", c ? "  " : "", s, pad, "");
        }
        putchar('\n');
    }
    for (size_t i = 0; i < nrows * (size_t)ncols; i++) free(cells[i]);
    free(cells);
}

#define TABLE(arr, ...)                                             \
    do {                                                            \
        static const col cols_[] = {__VA_ARGS__};                  \
        table(arr, cols_, (int)(sizeof cols_ / sizeof *cols_));     \
    } while (0)

static void print_entity(const json_t *r)
{
    const json_t *e = json_object_get(r, "entity");
    if (!json_is_object(e)) {
        printf("no entity named \"%s\"\n", json_string_value(json_object_get(r, "query")));
        return;
    }
    char *country = cell(e, "country");
    printf("%s  (%s%s%s, entity %lld)\n%lld documents, %lld mentions\n",
           json_string_value(json_object_get(e, "name")), json_string_value(json_object_get(e, "type")),
           country && strcmp(country, "-") ? ", " : "", country && strcmp(country, "-") ? country : "",
           (long long)json_integer_value(json_object_get(e, "id")),
           (long long)json_integer_value(json_object_get(e, "documents")),
           (long long)json_integer_value(json_object_get(e, "mentions")));
    free(country);
    puts("\nAliases");
    TABLE(json_object_get(r, "aliases"), {"alias", "alias", 50}, {"kind", "kind", 10}, {"mentions", "mentions", 10});
    puts("\nIn the same documents");
    TABLE(json_object_get(r, "cooccurring"), {"name", "entity", 50}, {"type", "type", 6},
          {"documents", "documents", 10});
    const json_t *same = json_object_get(r, "same_as"), *x;
    size_t i;
    if (json_array_size(same)) puts("\nThe same real thing (linked across articles)");
    json_array_foreach(same, i, x)
        printf("  %s  (%s, entity %lld, %lld documents)\n    why: %s\n",
               json_string_value(json_object_get(x, "name")), json_string_value(json_object_get(x, "type")),
               (long long)json_integer_value(json_object_get(x, "id")),
               (long long)json_integer_value(json_object_get(x, "documents")),
               json_is_string(json_object_get(x, "why")) ? json_string_value(json_object_get(x, "why")) : "-");
}

/* One side of a conflict: date, source, outlet, the figure and its sentence. */
static void print_side(const char *tag, const json_t *s)
{
#define S(k) (json_is_string(json_object_get(s, k)) ? json_string_value(json_object_get(s, k)) : "-")
    printf("  %s %s..%s  %s (in %s, published %s): \"%s\"\n", tag, S("from"), S("to"), S("source"),
           S("outlet"), S("published"), S("text"));
    if (json_is_string(json_object_get(s, "sentence"))) printf("      \u00ab%s\u00bb\n", S("sentence"));
#undef S
}

/* Each conflict with what explains it: both figures in their sentences, and why. */
static void print_conflicts(const json_t *r)
{
    const json_t *cs = json_object_get(r, "conflicts"), *c;
    size_t i;
    if (!json_array_size(cs)) puts("no conflicts");
    json_array_foreach(cs, i, c) {
        printf("%s%s\n", i ? "\n" : "", json_string_value(json_object_get(c, "thing")));
        print_side("A", json_object_get(c, "a"));
        print_side("B", json_object_get(c, "b"));
        if (json_is_string(json_object_get(c, "why")))
            printf("  why: %s\n", json_string_value(json_object_get(c, "why")));
    }
}

/* The graph as a table of edges with the actors' names. */
static void print_graph(const json_t *r)
{
    const json_t *nodes = json_object_get(r, "nodes"), *edges = json_object_get(r, "edges"), *x;
    size_t i, j;
    json_t *rows = json_array();
    json_array_foreach(edges, i, x) {
        const json_t *n;
        const char *a = "?", *b = "?";
        json_array_foreach(nodes, j, n) {
            json_int_t id = json_integer_value(json_object_get(n, "id"));
            if (id == json_integer_value(json_object_get(x, "source"))) a = json_string_value(json_object_get(n, "name"));
            if (id == json_integer_value(json_object_get(x, "target"))) b = json_string_value(json_object_get(n, "name"));
        }
        json_array_append_new(rows, json_pack("{s:s, s:s, s:O}", "a", a ? a : "?", "b", b ? b : "?",
                                              "weight", json_object_get(x, "weight")));
    }
    TABLE(rows, {"a", "actor", 40}, {"b", "actor", 40}, {"weight", "events", 8});
    json_decref(rows);
}

static void print_table(hx_query_kind kind, const json_t *r)
{
    switch (kind) {
    case HX_QUERY_STATS: {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)r, k, v) printf("%-12s %lld\n", k, (long long)json_integer_value(v));
        break;
    }
    case HX_QUERY_ENTITIES:
        TABLE(json_object_get(r, "entities"), {"id", "id", 10}, {"name", "name", 50}, {"type", "type", 6},
              {"country", "country", 8}, {"documents", "documents", 10}, {"mentions", "mentions", 10});
        break;
    case HX_QUERY_ENTITY: print_entity(r); break;
    case HX_QUERY_TIMELINE:
        TABLE(json_object_get(r, "events"), {"date", "date", 10}, {"type", "event", 16},
              {"text", "text", 40}, {"actors", "actors", 50}, {"source", "source", 16},
              {"reports.articles", "articles", 8}, {"reports.sources", "sources", 7});
        break;
    case HX_QUERY_CLAIMS:
        TABLE(json_object_get(r, "claims"), {"date", "date", 10}, {"source", "source", 30},
              {"cue", "cue", 14}, {"content", "says", 70}, {"about", "about", 40},
              {"hedged", "hedged", 6}, {"negated", "negated", 7});
        break;
    case HX_QUERY_FIGURES:
        TABLE(json_object_get(r, "figures"), {"from", "from", 10}, {"to", "to", 10}, {"source", "source", 30},
              {"text", "figure", 30}, {"value", "value", 14}, {"unit", "unit", 5}, {"of", "of", 40},
              {"title", "document", 40});
        break;
    case HX_QUERY_CONFLICTS:
        print_conflicts(r);
        break;
    case HX_QUERY_GRAPH: print_graph(r); break;
    case HX_QUERY_SEARCH:
        TABLE(json_object_get(r, "documents"), {"doc", "doc", 8}, {"date", "date", 10},
              {"source", "source", 16}, {"title", "title", 40}, {"snippet", "text", 80});
        break;
    case HX_QUERY_DOCUMENT: { /* the record as JSON: its text does not fit a table */
        json_t *d = json_object_get(r, "document");
        if (d) json_dumpf(d, stdout, JSON_INDENT(2));
        putchar('\n');
        break;
    }
    }
}

/* ---------------------------------------------------------------- command */

static const struct {
    const char *name;
    hx_query_kind kind;
    int needs_arg;
} queries[] = {
    {"stats", HX_QUERY_STATS, 0},       {"entities", HX_QUERY_ENTITIES, 0},
    {"entity", HX_QUERY_ENTITY, 1},     {"timeline", HX_QUERY_TIMELINE, 1},
    {"claims", HX_QUERY_CLAIMS, 0},     {"figures", HX_QUERY_FIGURES, 1},
    {"conflicts", HX_QUERY_CONFLICTS, 0}, {"graph", HX_QUERY_GRAPH, 0},
    {"search", HX_QUERY_SEARCH, 1},     {"document", HX_QUERY_DOCUMENT, 1},
};

int cmd_query(int argc, char **argv)
{
    const char *db = NULL, *which = NULL;
    int as_json = 0, rc = EXIT_OK;
    hx_query q = {HX_QUERY_STATS, NULL, NULL, NULL, NULL, NULL, 0, -1};
    char arg[4096] = "";
    size_t an = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            as_json = 1;
        } else if (a[0] == '-' && a[1] == '-') {
            static const char *const valued[] = {"--db", "--type", "--top", "--source", "--about",
                                                 "--format", "--window", NULL};
            int k = 0;
            while (valued[k] && strcmp(valued[k], a) != 0) k++;
            if (!valued[k]) return cli_usage_error("query", "unknown option '%s'", a);
            if (i + 1 >= argc) return cli_usage_error("query", "%s needs a value", a);
            const char *v = argv[++i];
            char *end;
            switch (k) {
            case 0: db = v; break;
            case 1: q.type = v; break;
            case 2:
            case 6: {
                long long n = strtoll(v, &end, 10);
                if (*end || n < (k == 2 ? 1 : 0)) return cli_usage_error("query", "%s needs a number", a);
                if (k == 2) q.top = (size_t)n;
                else q.window_days = (int)(n > 36500 ? 36500 : n);
                break;
            }
            case 3: q.source = v; break;
            case 4: q.about = v; break;
            case 5: q.format = v; break;
            }
        } else if (!which) {
            which = a;
        } else { /* the words of NAME / ABOUT / TEXT */
            size_t l = strlen(a);
            if (an + l + 2 > sizeof arg) return cli_usage_error("query", "argument too long");
            if (an) arg[an++] = ' ';
            memcpy(arg + an, a, l + 1);
            an += l;
        }
    }
    if (!db) return cli_usage_error("query", "--db FILE is required");
    if (!which) return cli_usage_error("query", "which query? (stats, entities, entity, timeline, claims, figures, conflicts, graph, search)");
    size_t k = 0;
    while (k < sizeof queries / sizeof *queries && strcmp(queries[k].name, which) != 0) k++;
    if (k == sizeof queries / sizeof *queries) return cli_usage_error("query", "unknown query '%s'", which);
    q.kind = queries[k].kind;
    if (queries[k].needs_arg && !an) return cli_usage_error("query", "%s needs an argument", which);
    q.arg = an ? arg : NULL;
    if (q.kind == HX_QUERY_GRAPH && q.format && strcmp(q.format, "dot") && strcmp(q.format, "graphml") &&
        strcmp(q.format, "json"))
        return cli_usage_error("query", "--format must be dot, graphml or json");

    hx_store *st;
    hx_error err;
    char *out;
    size_t len;
    if (hx_store_open(db, HX_STORE_READONLY, &st, &err) != HX_OK) {
        cli_error(db, "%s", err.msg);
        return err.code == HX_NOTFOUND ? EXIT_NOINPUT : EXIT_IOERR;
    }
    if (hx_store_query(st, &q, &out, &len, &err) != HX_OK) {
        cli_error(db, "%s", err.msg);
        hx_store_close(st);
        return cli_exit_for(err.code);
    }
    hx_store_close(st);
    int raw = q.kind == HX_QUERY_GRAPH && q.format && strcmp(q.format, "json") != 0;
    if (as_json || raw) {
        fwrite(out, 1, len, stdout);
        if (!raw) putchar('\n');
    } else {
        json_error_t je;
        json_t *r = json_loadb(out, len, 0, &je);
        if (!r) {
            cli_error(db, "bad answer from the library: %s", je.text);
            rc = EXIT_SOFTWARE;
        } else {
            print_table(q.kind, r);
            json_decref(r);
        }
    }
    hx_free(out);
    if (fflush(stdout) != 0 || ferror(stdout)) rc = EXIT_IOERR;
    return rc;
}
