declare const __KOUIKI_VERSION__: string | undefined;

/** The package version, inlined by the build (scripts/build.mjs); read from package.json in tests. */
export const VERSION: string =
  typeof __KOUIKI_VERSION__ === 'string' ? __KOUIKI_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
