// Tests print only warnings and errors of the handlers' Powertools loggers, unless a test (or
// the person running it) asks for more: the request and step logs would bury jest's report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
