// Activity and meter listeners are process-wide: one test at a time sees only its own spans and measurements.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
