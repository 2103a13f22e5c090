// @apisig/react runs its tests under React 18 too, through the `react-18` / `react-dom-18`
// aliases. react-dom@18 declares `react` as a peer, which pnpm would satisfy with the
// workspace's React 19; make it a plain dependency so react-dom@18 gets React 18.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'react-dom' && pkg.version.startsWith('18.')) {
        const range = pkg.peerDependencies?.react ?? '^18.3.1';
        delete pkg.peerDependencies?.react;
        pkg.dependencies = { ...pkg.dependencies, react: range };
      }
      return pkg;
    },
  },
};
