/*
 * cmd_train.c -- `hechos train`: trains a POS or NER tagger model from CoNLL files
 * through hx_train(), printing one progress line per epoch on stderr.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char usage_train[] =
    "Usage: hechos train --task ner|pos --train FILE --dev FILE --out MODEL\n"
    "       hechos train --task parse --train FILE[,FILE...] [--dev FILE] --out MODEL\n"
    "                    [--seed N] [--epochs N] [--patience N] [--models DIR]\n"
    "\n"
    "Trains a linear-chain tagger (structured averaged perceptron) on a CoNLL file\n"
    "(column 1 word, 2 POS, 3 NER) and writes the epoch that scored best on --dev.\n"
    "NER features use the POS predicted by DIR/pos.hxm (default: models), so train\n"
    "POS first.  The same seed gives the same model.\n"
    "\n"
    "--task parse trains the dependency parser and its UD tagger on CoNLL-U files\n"
    "(docs/parser.md): MODEL is the parser (models/parse.hxm), the tagger is written\n"
    "next to it as ud-upos.hxm.  Without --dev, sentences are split by a hash of their\n"
    "sent_id: 10% validation (never read), 10% tuning, 80% training.\n"
    "\n"
    "Options:\n"
    "  --task T       ner or pos\n"
    "  --train FILE   training data\n"
    "  --dev FILE     development data for early stopping and the progress scores\n"
    "  --out MODEL    where to write the model (e.g. models/ner.hxm)\n"
    "  --seed N       shuffling seed (default 1)\n"
    "  --epochs N     at most N epochs (default 30)\n"
    "  --patience N   stop after N epochs without a better dev score (default 4)\n"
    "  --models DIR   where the POS model for NER features is (default models)\n"
    "  --clusters F   NER word clusters (tools/clusters.c; default DIR/clusters.hxc\n"
    "                 when present; \"\" for none)\n"
    "  --ablate LIST  NER: switch off gazdrop (gazetteer dropout), to measure it\n"
    "  --recase N     NER: 1 = also train on a recased copy of every sentence\n"
    "                 (capitals, lower case): models/ner-caps.hxm, the model the\n"
    "                 tagger uses for sentences in capitals or in lower case\n"
    "  --pos-cache F  NER: keep the jackknifed POS of the training words in F and\n"
    "                 reuse it while the words and F's tags agree (saves minutes)\n";

static void progress(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "%s\n", line);
}

static int number(const char *s, long max, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > max) return -1;
    *out = v;
    return 0;
}

int cmd_train(int argc, char **argv)
{
    hx_train_opts o = {0};
    long v;
    o.seed = 1;
    o.progress = progress;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) return cli_usage_error("train", "'%s' needs a value or is unknown", a);
        const char *val = argv[++i];
        if (strcmp(a, "--task") == 0) o.task = val;
        else if (strcmp(a, "--train") == 0) o.train_path = val;
        else if (strcmp(a, "--dev") == 0) o.dev_path = val;
        else if (strcmp(a, "--out") == 0) o.out_path = val;
        else if (strcmp(a, "--models") == 0) o.models_dir = val;
        else if (strcmp(a, "--clusters") == 0) o.clusters_path = val;
        else if (strcmp(a, "--pos-cache") == 0) o.pos_cache = val;
        else if (strcmp(a, "--recase") == 0) {
            if (number(val, 1, &v))
                return cli_usage_error("train", "bad --recase '%s'", val);
            o.recase = (int)v;
        }
        else if (strcmp(a, "--ablate") == 0) {
            for (const char *p = val; *p;) {
                size_t n = strcspn(p, ",");
                if (n == 7 && strncmp(p, "gazdrop", 7) == 0) o.ablate |= HX_TRAIN_NO_GAZDROP;
                else return cli_usage_error("train", "bad --ablate '%s'", val);
                p += n + (p[n] == ',');
            }
        }
        else if (strcmp(a, "--seed") == 0) {
            if (number(val, 0xffffffffL, &v))
                return cli_usage_error("train", "bad --seed '%s'", val);
            o.seed = (unsigned)v;
        } else if (strcmp(a, "--epochs") == 0) {
            if (number(val, 1000, &v) || v == 0)
                return cli_usage_error("train", "bad --epochs '%s'", val);
            o.max_epochs = (int)v;
        } else if (strcmp(a, "--patience") == 0) {
            if (number(val, 1000, &v) || v == 0)
                return cli_usage_error("train", "bad --patience '%s'", val);
            o.patience = (int)v;
        } else {
            return cli_usage_error("train", "unknown option '%s'", a);
        }
    }
    if (!o.task || (strcmp(o.task, "ner") != 0 && strcmp(o.task, "pos") != 0 &&
                    strcmp(o.task, "parse") != 0))
        return cli_usage_error("train", "--task ner, pos or parse is required");
    if (!o.train_path || !o.out_path)
        return cli_usage_error("train", "--train and --out are required");
    hx_error err;
    hx_status st = strcmp(o.task, "parse") == 0 ? hx_train_parser(&o, &err) : hx_train(&o, &err);
    if (st != HX_OK) {
        cli_error("train", "%s", err.msg);
        return cli_exit_for(st);
    }
    return EXIT_OK;
}
