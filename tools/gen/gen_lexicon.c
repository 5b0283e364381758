/*
 * gen_lexicon.c -- compiles the time-expression lexicon (data/timex_lexicon.tsv) into
 * the C tables src/timex_lex.c includes: the entries sorted by strcmp and a 1024-slot
 * open-addressing table (FNV-1a of the word, linear probing) of entry index + 1.
 *
 *   gen_lexicon IN.tsv OUT.inc
 *
 * IN: lines starting with '#' are comments; the first other line is the header
 * "word<TAB>class<TAB>value"; then one entry a line: a folded word (a-z, at most 14
 * letters: the lexer looks no longer word up), a class L_*, and a value (a number, a
 * quoted letter such as 'E', or a U_* / F_* name), which are copied as C tokens.
 * A bad line, a duplicate word or a full table stops it with "IN:LINE: message" on
 * stderr and exit status 1; OUT is then not written.
 * Built and run by make (no library needed); standalone C17.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAXE = 900, SLOTS = 1024, MAXW = 14 };

typedef struct ent {
    char w[MAXW + 1], cls[32], val[32];
    int line;
} ent;

static int die(const char *in, int line, const char *msg, const char *arg)
{
    fprintf(stderr, "gen_lexicon: %s:%d: %s%s\n", in, line, msg, arg ? arg : "");
    return 1;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(((const ent *)a)->w, ((const ent *)b)->w);
}

/* 1 when s is a C token we accept as a class or value. */
static int token_ok(const char *s, int cls)
{
    size_t n = strlen(s);
    if (n == 0 || n >= 32)
        return 0;
    if (cls)
        return !strncmp(s, "L_", 2) && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == n;
    if (n == 3 && s[0] == '\'' && s[2] == '\'' && s[1] >= 'A' && s[1] <= 'Z')
        return 1;
    if (strspn(s, "0123456789") == n)
        return atoi(s) <= 255;
    return (s[0] == 'U' || s[0] == 'F') && s[1] == '_' &&
           strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") == n;
}

/* Reads one entry line into e; 0, or 1 with a message. */
static int parse_line(const char *in, int line, char *s, ent *e)
{
    char *f[3];
    for (int k = 0; k < 3; k++) {
        f[k] = strsep(&s, "\t");
        if (!f[k])
            return die(in, line, "expected 3 tab-separated columns", NULL);
    }
    if (s)
        return die(in, line, "more than 3 columns", NULL);
    size_t n = strlen(f[0]);
    if (n == 0 || n > MAXW || strspn(f[0], "abcdefghijklmnopqrstuvwxyz") != n)
        return die(in, line, "word must be 1-14 letters a-z: ", f[0]);
    if (!token_ok(f[1], 1))
        return die(in, line, "bad class: ", f[1]);
    if (!token_ok(f[2], 0))
        return die(in, line, "bad value: ", f[2]);
    memcpy(e->w, f[0], n + 1);
    snprintf(e->cls, sizeof e->cls, "%s", f[1]);
    snprintf(e->val, sizeof e->val, "%s", f[2]);
    e->line = line;
    return 0;
}

static int read_tsv(const char *in, ent *es, size_t *n)
{
    FILE *fp = fopen(in, "r");
    if (!fp)
        return die(in, 0, "cannot open", NULL);
    char buf[256];
    int line = 0, header = 0, rc = 0;
    *n = 0;
    while (!rc && fgets(buf, sizeof buf, fp)) {
        line++;
        size_t l = strlen(buf);
        if (l && buf[l - 1] != '\n' && !feof(fp)) {
            rc = die(in, line, "line too long", NULL);
            break;
        }
        buf[strcspn(buf, "\r\n")] = 0;
        if (buf[0] == '#' || buf[0] == 0)
            continue;
        if (!header) {
            header = 1;
            if (strcmp(buf, "word\tclass\tvalue"))
                rc = die(in, line, "expected the header word<TAB>class<TAB>value", NULL);
            continue;
        }
        if (*n == MAXE)
            rc = die(in, line, "too many entries", NULL);
        else
            rc = parse_line(in, line, buf, &es[(*n)++]);
    }
    fclose(fp);
    if (!rc && !*n)
        rc = die(in, line, "no entries", NULL);
    return rc;
}

static uint32_t fnv1a(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h;
}

static int write_inc(const char *in, const char *out, const ent *es, size_t n)
{
    static uint16_t slots[SLOTS];
    for (size_t i = 0; i < n; i++) {
        uint32_t k = fnv1a(es[i].w) & (SLOTS - 1);
        while (slots[k])
            k = (k + 1) & (SLOTS - 1);
        slots[k] = (uint16_t)(i + 1);
    }
    FILE *fp = fopen(out, "w");
    if (!fp)
        return die(out, 0, "cannot write", NULL);
    fprintf(fp, "/* Generated from %s by tools/gen/gen_lexicon.c: do not edit. */\n", in);
    fprintf(fp, "static const tx_lexent lexicon[] = {\n");
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "    {\"%s\", %s, %s},\n", es[i].w, es[i].cls, es[i].val);
    fprintf(fp, "};\n\n/* lexicon index + 1 at slot FNV-1a(word) mod %d, linear probing; 0 empty */\n",
            SLOTS);
    fprintf(fp, "static const uint16_t slots[%d] = {", SLOTS);
    for (size_t k = 0; k < SLOTS; k++)
        fprintf(fp, "%s%u,", k % 16 ? " " : "\n    ", slots[k]);
    fprintf(fp, "\n};\n");
    return fclose(fp) ? die(out, 0, "write failed", NULL) : 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_lexicon IN.tsv OUT.inc\n");
        return 2;
    }
    static ent es[MAXE];
    size_t n;
    if (read_tsv(argv[1], es, &n))
        return 1;
    qsort(es, n, sizeof es[0], cmp);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(es[i - 1].w, es[i].w))
            return die(argv[1], es[i].line, "duplicate word: ", es[i].w);
    if (n > SLOTS * 7 / 8)
        return die(argv[1], 0, "too many entries for the hash table", NULL);
    if (write_inc(argv[1], argv[2], es, n)) {
        remove(argv[2]);
        return 1;
    }
    return 0;
}
