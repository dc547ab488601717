/* An empty script: the benchmark's baseline for what a script tag costs. */
