/*
 * store_conflicts.c -- the SQL of `query conflicts` (issue 23): pairs of figures that
 * count the same thing and cannot both be right, each with what explains it.
 *
 * Two figures conflict when they count the same thing (same thing key -- the counted
 * noun with its modifiers, generic nouns alone never being one, see store_things.c --
 * same unit and kind, not ordinals), their periods overlap once each is widened by the
 * window, they come from different sources, their admitted intervals [lo, hi] are
 * disjoint, and they are about the same story: both sentences name the same real thing
 * (entities.canon; or a country one names and an entity of that country the other
 * names), or, inside one article, both figures come from claimants (not the outlet,
 * whose own figures next to a claimant's are most often another subset).  Never when
 * both sentences name people or organisations but not the same ("120 escaños" of one
 * party, "95" of another, in the same region).
 * Each row carries both figures with their sentence, source, dates and outlet, and
 * `why`: one line saying why they were matched and why they disagree.
 * ?1 is the window in days, ?2 the limit.
 */
#include "store/store.h"

#define NUM(x) "CASE WHEN " x " > 1e300 THEN 'inf' WHEN " x " < -1e300 THEN '-inf'" \
               " WHEN abs(" x ") < 1e15 AND " x " = round(" x ") THEN CAST(CAST(" x " AS BIGINT) AS TEXT)" \
               " ELSE printf('%.6g', " x ") END"

#define SIDE(q, d)                                                                          \
    "json_object('from',date(" q ".day0*86400,'unixepoch'),'to',date(" q ".day1*86400,'unixepoch'),"\
    "'source'," q ".source,'value'," q ".value,'max'," q ".max,'bound'," q ".bound,'unit'," q ".unit,"\
    "'text'," q ".text,'of'," q ".of_text,'doc'," q ".doc_id,'title'," d ".title,"               \
    "'published'," d ".date,'outlet'," d ".source)"

/* What both sentences name: the same real thing, or a country one names and an entity
 * of that country the other names ("el líder norcoreano" / "Pyongyang"); its name, or
 * NULL. */
#define SHARED_IN_SENTENCES                                                                \
    "(SELECT CASE WHEN ea.canon=eb.canon OR ea.kind='country' THEN ca.name ELSE cb.name END"\
    " FROM quantity_entities qa JOIN entities ea ON ea.id=qa.entity_id"                    \
    " JOIN quantity_entities qb ON qb.quantity_id=b.id JOIN entities eb ON eb.id=qb.entity_id"\
    " JOIN entities ca ON ca.id=ea.canon JOIN entities cb ON cb.id=eb.canon"               \
    " WHERE qa.quantity_id=a.id AND (ea.canon=eb.canon OR (ea.country<>'' AND"             \
    " ea.country=eb.country AND (ea.kind='country' OR eb.kind='country')))"                \
    " ORDER BY ea.canon=eb.canon DESC, qa.entity_id, qb.entity_id LIMIT 1)"

/* Does figure q's sentence name a person or organisation (other than its source)? */
#define NAMES_PO(q)                                                                        \
    "EXISTS (SELECT 1 FROM quantity_entities x JOIN entities e ON e.id=x.entity_id"        \
    " WHERE x.quantity_id=" q ".id AND e.type IN ('PER','ORG'))"

/* Do both sentences name the same person or organisation? */
#define SHARED_PO                                                                          \
    "EXISTS (SELECT 1 FROM quantity_entities qa JOIN entities ea ON ea.id=qa.entity_id"    \
    " JOIN entities eb ON eb.canon=ea.canon JOIN quantity_entities qb ON qb.entity_id=eb.id"\
    " AND qb.quantity_id=b.id WHERE qa.quantity_id=a.id AND ea.type IN ('PER','ORG'))"

/* The sentence of a figure (s0, s1 in document d), read only for the rows returned. */
#define SENTENCE(s0, s1, d) \
    "(SELECT substr(text, CAST(" s0 "+1 AS INTEGER), CAST(" s1 "-" s0 " AS INTEGER)) FROM documents"\
    " WHERE id=" d " AND " s0 " IS NOT NULL)"

const char hx__store_conflicts_sql[] =
    "SELECT thing, json_set(a$, '$.sentence', " SENTENCE("as0", "as1", "ad") ") AS \"a$\","
    " json_set(b$, '$.sentence', " SENTENCE("bs0", "bs1", "bd") ") AS \"b$\", why"
    " FROM (SELECT thing, a$, b$, as0, as1, ad, bs0, bs1, bd, d, ia, ib,"
    " 'both count \"' || thing || '\"' || CASE WHEN unit IS NOT NULL THEN ' in ' || unit ELSE '' END"
    "  || '; periods ' || af || '..' || ato || ' and ' || bf || '..' || bto || ' overlap within '"
    "  || CAST(?1 AS TEXT) || ' days; sources differ (' || asrc || ' / ' || bsrc || '); '"
    "  || COALESCE(atext, '') || ' admits [' || alo || ', ' || ahi || '] and ' || COALESCE(btext, '')"
    "  || ' admits [' || blo || ', ' || bhi || '], no value in common; '"
    "  || CASE WHEN in_sent IS NOT NULL THEN 'both sentences name ' || in_sent"
    "   ELSE 'same article, each figure from a claimant' END AS why"
    " FROM (SELECT a.thing AS thing, a.unit AS unit, " SIDE("a", "da") " AS a$, " SIDE("b", "db") " AS b$,"
    "  date(a.day0*86400,'unixepoch') AS af, date(a.day1*86400,'unixepoch') AS ato,"
    "  date(b.day0*86400,'unixepoch') AS bf, date(b.day1*86400,'unixepoch') AS bto,"
    "  a.source AS asrc, b.source AS bsrc, a.text AS atext, b.text AS btext,"
    "  " NUM("a.lo") " AS alo, " NUM("a.hi") " AS ahi, " NUM("b.lo") " AS blo, " NUM("b.hi") " AS bhi,"
    "  a.doc_id=b.doc_id AS same_doc, " SHARED_IN_SENTENCES " AS in_sent,"
    "  EXISTS (SELECT 1 FROM quantity_entities WHERE quantity_id=a.id)"
    "   AND EXISTS (SELECT 1 FROM quantity_entities WHERE quantity_id=b.id) AS both_named,"
    "  " NAMES_PO("a") " AND " NAMES_PO("b") " AND NOT " SHARED_PO " AS other_actors,"
    "  a.source IS NOT da.source AND b.source IS NOT db.source AS claimed,"
    "  a.s0 AS as0, a.s1 AS as1, a.doc_id AS ad, b.s0 AS bs0, b.s1 AS bs1, b.doc_id AS bd,"
    "  a.day0 AS d, a.id AS ia, b.id AS ib"
    " FROM quantities a JOIN quantities b"
    "  ON b.thing=a.thing AND b.day0 BETWEEN a.day0-400-?1 AND a.day1+?1 AND b.id>a.id"
    " JOIN documents da ON da.id=a.doc_id JOIN documents db ON db.id=b.doc_id"
    " WHERE a.thing IS NOT NULL AND a.thing<>'' AND a.day0 IS NOT NULL"
    "  AND a.day0 <= b.day1+?1"
    "  AND a.source_key IS NOT NULL AND b.source_key IS NOT NULL"
    "  AND a.source_key<>b.source_key"
    "  AND a.unit IS b.unit AND a.kind IS b.kind AND a.kind<>'ordinal'"
    "  AND (a.hi < b.lo OR b.hi < a.lo)) p"
    " WHERE ((same_doc AND claimed) OR in_sent IS NOT NULL) AND NOT (both_named AND in_sent IS NULL)"
    "  AND NOT other_actors"
    " ORDER BY thing, d, ia, ib LIMIT ?2) c"
    " ORDER BY thing, d, ia, ib";
