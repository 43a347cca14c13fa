// The package's subpath export carries no types for classic module resolution; it is the full API's subset.
declare module 'opencc-js/t2cn' {
  export { Converter } from 'opencc-js';
}
