using System.Collections.Generic;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

/// <summary>Serves a suite's named schemas, as the reference runner's <c>schemas</c> option does.</summary>
public sealed class DictionarySchemaResolver : ISchemaResolver
{
    private readonly IReadOnlyDictionary<string, PromptValue> _schemas;

    public DictionarySchemaResolver(IReadOnlyDictionary<string, PromptValue> schemas) => _schemas = schemas;

    public PromptValue? Resolve(string name) => _schemas.TryGetValue(name, out var schema) ? schema : null;
}
