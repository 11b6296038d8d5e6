// Imported first by the API integration tests: the handlers' Powertools loggers read the level
// when their modules load, and one access line per request would bury the test output.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
