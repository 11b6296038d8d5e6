/** docs/design/api.md "Running the local platform": where `npm start` listens and keeps its data by default. */
export const DEFAULT_PORT = 3000;
export const DEFAULT_DATA_DIR = '.recordal';
