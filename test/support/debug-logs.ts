// Imported first by a test that must see every log line: the handlers' Powertools loggers take
// their level when their modules load, so it is set before any import that loads them (the jest
// setup file test/support/quiet-logs.ts would otherwise have set WARN).
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
