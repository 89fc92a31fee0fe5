'use strict';
// Loads the jot.node addon.
//
// The `node` executable exports its own statically linked OpenSSL symbols. A plain require()
// would let the addon's libcrypto calls bind to them (the executable comes first in the global
// lookup scope), mixing two OpenSSL builds in one process whenever their versions differ. The
// addon is therefore opened with RTLD_DEEPBIND, which puts the addon's own dependencies
// (the system libcrypto it was linked against) ahead of the executable for its lookups.
// test/openssl.test.js checks which library the addon's OpenSSL symbols resolve to.
//
// JOT_NODE_ADDON overrides the path (the CMake test sets it to the freshly built addon);
// JOT_NODE_PLAIN_DLOPEN=1 loads without RTLD_DEEPBIND (used by the test as a control).

const fs = require('fs');
const os = require('os');
const path = require('path');

function candidates() {
  if (process.env.JOT_NODE_ADDON) return [process.env.JOT_NODE_ADDON];
  const root = path.resolve(__dirname, '..');
  return [
    path.join(root, 'build', 'jot.node'),
    path.join(root, 'jot.node'),
    path.resolve(root, '..', '..', 'build', 'node', 'bindings', 'node', 'jot.node'),
    path.resolve(root, '..', '..', 'build', 'release', 'bindings', 'node', 'jot.node'),
  ];
}

function load() {
  const file = candidates().find((f) => fs.existsSync(f));
  if (!file) {
    throw new Error(
      'jot: native addon jot.node not found (looked in ' +
        candidates().join(', ') +
        '); build it with `cmake --build <dir> --target jot_node` or set JOT_NODE_ADDON',
    );
  }
  const mod = { exports: {} };
  const { RTLD_NOW, RTLD_DEEPBIND } = os.constants.dlopen;
  const plain = process.env.JOT_NODE_PLAIN_DLOPEN === '1';
  const flags = plain || RTLD_DEEPBIND === undefined ? RTLD_NOW : RTLD_NOW | RTLD_DEEPBIND;
  process.dlopen(mod, file, flags);
  mod.exports.addonPath = file;
  mod.exports.deepBind = !plain && RTLD_DEEPBIND !== undefined;
  return mod.exports;
}

module.exports = load();
