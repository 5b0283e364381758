/*
 * events_out.c -- the events layer leaves the library: the "events" member of the
 * document JSON (docs/events.md) and the public accessors hx_doc_nevents/hx_doc_event.
 *
 * Every string handed out borrows from the document (the event records) or from the
 * static tables of events_data.c; spans are converted with hx__doc_span.
 */
#include "events/events.h"

#include <stdio.h>
#include <string.h>

static const char *role_name(const char *code)
{
    static const char *const map[][2] = {
        {"GOV", "government"}, {"MIL", "military"}, {"COP", "police"}, {"JUD", "judiciary"},
        {"LEG", "legislature"}, {"REB", "rebels"}, {"INS", "insurgents"},
        {"OPP", "opposition"}, {"CVL", "civilian"}, {"MED", "media"}, {"BUS", "business"},
        {"LAB", "labour"}, {"REF", "refugees"}, {"SPY", "intelligence"}, {"HLH", "health"},
        {"NGO", "ngo"}};
    if (!code || !code[0]) return NULL;
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (strcmp(map[k][0], code) == 0) return map[k][1];
    return NULL;
}

static const char *const COUNT_NAMES[HX__NCNT] = {"", "killed", "wounded", "captured",
                                                  "arrested", "displaced"};

const char *hx__ev_alpha3(const char *cc)
{
    if (!cc || !cc[0]) return NULL;
    if (strlen(cc) != 2) return "IGO"; /* an organisation id: UN, EU, NATO */
    size_t lo = 0, hi = hx__ev_na3;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(hx__ev_a3[mid][0], cc);
        if (c == 0) return hx__ev_a3[mid][1];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* The CAMEO actor code: ISO alpha-3 (or "IGO" for organisations) + role ("PRKMIL"). */
static void actor_code(const hx__ev_arg *a, char out[16])
{
    const char *cc = hx__ev_alpha3(a->country);
    out[0] = '\0';
    if (!cc) cc = "";
    if (!cc[0] && !a->role[0]) return;
    snprintf(out, 16, "%s%s", cc, a->role);
}

static void json_arg(hx__buf *b, const hx_doc *doc, const hx__ev_arg *a)
{
    if (a->first == a->last) {
        hx__buf_puts(b, "null");
        return;
    }
    const hx__tok *t = doc->toks.p;
    size_t b0 = t[a->first].b0, b1 = t[a->last - 1].b1;
    char code[16];
    hx__buf_puts(b, "{\"text\":");
    hx__buf_json_str(b, doc->text + b0, b1 - b0);
    hx__buf_putc(b, ',');
    hx__json_span(b, doc, b0, b1);
    if (a->entity >= 0) hx__buf_printf(b, ",\"entity\":\"E%d\"", (int)a->entity + 1);
    else hx__buf_puts(b, ",\"entity\":null");
    hx__buf_puts(b, ",\"country\":");
    if (a->country[0]) hx__buf_json_str(b, a->country, strlen(a->country));
    else hx__buf_puts(b, "null");
    const char *r = role_name(a->role);
    hx__buf_puts(b, ",\"role\":");
    if (r) hx__buf_json_str(b, r, strlen(r));
    else hx__buf_puts(b, "null");
    actor_code(a, code);
    hx__buf_puts(b, ",\"code\":");
    if (code[0]) hx__buf_json_str(b, code, strlen(code));
    else hx__buf_puts(b, "null");
    hx__buf_putc(b, '}');
}

static void json_tokens(hx__buf *b, const hx_doc *doc, size_t first, size_t last)
{
    const hx__tok *t = doc->toks.p;
    size_t b0 = t[first].b0, b1 = t[last - 1].b1;
    hx__buf_puts(b, "{\"text\":");
    hx__buf_json_str(b, doc->text + b0, b1 - b0);
    hx__buf_putc(b, ',');
    hx__json_span(b, doc, b0, b1);
    hx__buf_putc(b, '}');
}

void hx__json_events(hx__buf *b, const hx_doc *doc, hx__ev_json_extra extra)
{
    hx__buf_puts(b, ",\"events\":[");
    for (size_t i = 0; i < doc->events.n; i++) {
        const hx__event *ev = HX__VEC_AT(doc->events, hx__event, i);
        const hx__ev_entry *e = ev->entry;
        int coded = e->code[0] != '-';
        hx__buf_puts(b, i ? ",{" : "{");
        hx__buf_puts(b, "\"type\":");
        hx__buf_json_str(b, e->label, strlen(e->label));
        if (coded) {
            hx__buf_printf(b, ",\"cameo\":\"%s\",\"root\":\"%.2s\"", e->code, e->code);
        } else {
            hx__buf_puts(b, ",\"cameo\":null,\"root\":null");
        }
        hx__buf_puts(b, ",\"trigger\":");
        json_tokens(b, doc, ev->trig0, ev->trig1);
        hx__buf_printf(b, ",\"sentence\":%u,\"actor\":", ev->sent);
        json_arg(b, doc, &ev->actor);
        hx__buf_puts(b, ",\"target\":");
        json_arg(b, doc, &ev->target);
        hx__buf_puts(b, ",\"place\":");
        if (ev->place0 < ev->place1) json_tokens(b, doc, ev->place0, ev->place1);
        else hx__buf_puts(b, "null");
        hx__buf_puts(b, ",\"time\":");
        if (ev->time >= 0) {
            const hx__time *tm = HX__VEC_AT(doc->times, hx__time, ev->time);
            hx__buf_puts(b, "{\"value\":");
            hx__buf_json_str(b, tm->value, strlen(tm->value));
            hx__buf_printf(b, ",\"source\":\"text\",\"index\":%d,\"text\":", (int)ev->time);
            hx__buf_json_str(b, doc->text + tm->b0, tm->b1 - tm->b0);
            hx__buf_putc(b, ',');
            hx__json_span(b, doc, tm->b0, tm->b1);
            hx__buf_putc(b, '}');
        } else if (doc->date) {
            hx__buf_puts(b, "{\"value\":");
            hx__buf_json_str(b, doc->date, strlen(doc->date));
            hx__buf_puts(b, ",\"source\":\"dct\"}");
        } else {
            hx__buf_puts(b, "null");
        }
        hx__buf_puts(b, ",\"quantity\":");
        if (ev->quant >= 0) {
            const hx__quant *q = HX__VEC_AT(doc->quants, hx__quant, ev->quant);
            hx__buf_puts(b, "{\"value\":");
            hx__buf_json_num(b, q->value);
            hx__buf_printf(b, ",\"index\":%d,\"text\":", (int)ev->quant);
            hx__buf_json_str(b, doc->text + q->b0, q->b1 - q->b0);
            hx__buf_putc(b, '}');
        } else {
            hx__buf_puts(b, "null");
        }
        hx__buf_puts(b, ",\"casualties\":{");
        int any = 0;
        for (int k = 1; k < HX__NCNT; k++) {
            if (ev->counts[k] < 0) continue;
            hx__buf_printf(b, "%s\"%s\":", any++ ? "," : "", COUNT_NAMES[k]);
            hx__buf_json_num(b, ev->counts[k]);
        }
        hx__buf_putc(b, '}');
        /* the entity ids of the participants, in one list for the knowledge graph */
        hx__buf_puts(b, ",\"actors\":[");
        if (ev->actor.entity >= 0 && ev->actor.first < ev->actor.last)
            hx__buf_printf(b, "\"E%d\"", (int)ev->actor.entity + 1);
        if (ev->target.entity >= 0 && ev->target.first < ev->target.last && ev->target.entity != ev->actor.entity)
            hx__buf_printf(b, "%s\"E%d\"", ev->actor.entity >= 0 && ev->actor.first < ev->actor.last ? "," : "",
                           (int)ev->target.entity + 1);
        hx__buf_putc(b, ']');
        if (ev->claim >= 0) hx__buf_printf(b, ",\"claim\":%d", (int)ev->claim);
        else hx__buf_puts(b, ",\"claim\":null");
        hx__buf_printf(b, ",\"hedged\":%s,\"negated\":%s", ev->hedged ? "true" : "false",
                       ev->negated ? "true" : "false");
        if (ev->same) hx__buf_printf(b, ",\"same_event\":%u", ev->same - 1);
        else hx__buf_puts(b, ",\"same_event\":null");
        if (extra) extra(b, doc, i);
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
}

/* ---------------------------------------------------------------- public accessors */

size_t hx_doc_nevents(const hx_doc *doc) { return doc ? doc->events.n : 0; }

static void pub_arg(const hx_doc *doc, const hx__ev_arg *a, hx_event_arg *out)
{
    memset(out, 0, sizeof *out);
    out->entity = -1;
    if (a->first == a->last) return;
    const hx__tok *t = doc->toks.p;
    out->present = 1;
    out->span = hx__doc_span(doc, t[a->first].b0, t[a->last - 1].b1);
    out->entity = a->entity;
    out->country = a->country[0] ? a->country : NULL;
    out->role = role_name(a->role);
}

hx_status hx_doc_event(const hx_doc *doc, size_t i, hx_event *out)
{
    if (!doc || !out || i >= doc->events.n) return HX_INVAL;
    const hx__event *ev = HX__VEC_AT(doc->events, hx__event, i);
    const hx__tok *t = doc->toks.p;
    memset(out, 0, sizeof *out);
    out->type = ev->entry->label;
    out->cameo = ev->entry->code[0] != '-' ? ev->entry->code : NULL;
    out->trigger = hx__doc_span(doc, t[ev->trig0].b0, t[ev->trig1 - 1].b1);
    out->sentence = ev->sent;
    pub_arg(doc, &ev->actor, &out->actor);
    pub_arg(doc, &ev->target, &out->target);
    out->has_place = ev->place0 < ev->place1;
    if (out->has_place) out->place = hx__doc_span(doc, t[ev->place0].b0, t[ev->place1 - 1].b1);
    out->time_index = ev->time;
    out->time = ev->time >= 0 ? HX__VEC_AT(doc->times, hx__time, ev->time)->value : doc->date;
    out->quantity_index = ev->quant;
    out->killed = ev->counts[HX__CNT_KILLED];
    out->wounded = ev->counts[HX__CNT_WOUNDED];
    out->captured = ev->counts[HX__CNT_CAPTURED];
    out->arrested = ev->counts[HX__CNT_ARRESTED];
    out->displaced = ev->counts[HX__CNT_DISPLACED];
    out->claim = ev->claim;
    out->same_event = ev->same ? (long)ev->same - 1 : -1;
    out->hedged = ev->hedged;
    out->negated = ev->negated;
    return HX_OK;
}
