using System;
using System.Collections.Generic;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Recording;

public class EvalModeTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in variables)
            map[name] = value;
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    [Fact]
    public void Ci_defaults_to_replay_and_local_to_auto()
    {
        Assert.Equal(EvalMode.Replay, EvalModes.Resolve(null, Environment(("CI", "true"))));
        Assert.Equal(EvalMode.Replay, EvalModes.Resolve(null, Environment(("CI", "TRUE"))));
        Assert.Equal(EvalMode.Auto, EvalModes.Resolve(null, Environment()));
        Assert.Equal(EvalMode.Auto, EvalModes.Resolve(null, Environment(("CI", "false"))));
    }

    [Fact]
    public void The_environment_variable_overrides_the_default_and_an_explicit_mode_overrides_both()
    {
        Assert.Equal(EvalMode.Record, EvalModes.Resolve(null, Environment(("CI", "true"), ("PROMPTGEN_EVAL_MODE", "record"))));
        Assert.Equal(EvalMode.Off, EvalModes.Resolve("off", Environment(("PROMPTGEN_EVAL_MODE", "live"))));
    }

    [Fact]
    public void Unknown_modes_are_rejected_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => EvalModes.Resolve("replays", Environment()));

        Assert.Contains("replay, auto, record, live or off", error.Message);
    }
}
