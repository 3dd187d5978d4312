// The zip and pickle modules are exported here as they land.
export {};
