// Koop (Esri GeoServices REST: FeatureServer) serving the GeoJSON files of the current folder,
// for the tests (tests/fixtures/koop.py). Usage: node server.js PORT (cwd = the data folder).
// Every file NAME.geojson is the service /file-geojson/rest/services/NAME/FeatureServer, layer 0.
'use strict';
const Koop = require('@koopjs/koop-core');
const provider = require('@koopjs/provider-file-geojson');

const port = parseInt(process.argv[2], 10);
process.env.SUPPRESS_NO_CONFIG_WARNING = 'true';
const koop = new Koop({ logLevel: 'error' });
koop.register(provider, { dataDir: '.' });
const server = koop.server.listen(port, '127.0.0.1', () => {
  process.stdout.write('koop listening on ' + port + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
