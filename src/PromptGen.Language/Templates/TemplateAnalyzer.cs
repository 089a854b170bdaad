using PromptGen.Language.Diagnostics;
using PromptGen.Language.Rendering;
using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>
/// Checks a parsed template without types: unknown helpers (PG0202), role/history misuse (PG0205), missing partials
/// (PG0206), partial cycles (PG0207) and helper arguments (PG0208). These are the mistakes the Dotprompt reference
/// runtime only reports when rendering, or never.
/// </summary>
public static class TemplateAnalyzer
{
    /// <summary>The roles Dotprompt and Genkit understand.</summary>
    public static readonly IReadOnlyList<string> KnownRoles = new[] { "user", "model", "system", "tool" };

    public static IReadOnlyList<PromptDiagnostic> Analyze(Template template, IPartialResolver? partials, CancellationToken cancellationToken = default)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        return StackGuard.Run(() =>
        {
            var walker = new Walker(partials, cancellationToken);
            walker.VisitTemplate(template, null);
            return (IReadOnlyList<PromptDiagnostic>)walker.Diagnostics;
        });
    }

    private sealed class Walker(IPartialResolver? partials, CancellationToken cancellationToken)
    {
        private readonly IPartialResolver? _partials = partials;
        private readonly HashSet<string> _analyzedPartials = new(StringComparer.Ordinal);
        private readonly HashSet<string> _donePartials = new(StringComparer.Ordinal);
        private readonly List<(string Name, bool Guarded)> _chain = new();
        private readonly HashSet<string> _reportedCycles = new(StringComparer.Ordinal);
        private string _path = string.Empty;
        private PartialStatement? _rootInclude;

        private readonly CancellationToken _cancellationToken = cancellationToken;

        public List<PromptDiagnostic> Diagnostics { get; } = new();

        private void Report(PromptDiagnosticDescriptor descriptor, SourceSpan span, string message)
        {
            var diagnostic = new PromptDiagnostic(descriptor, _path, span, message);
            if (!Diagnostics.Contains(diagnostic)) Diagnostics.Add(diagnostic);
        }

        public void VisitTemplate(Template template, string? partialName)
        {
            var savedPath = _path;
            _path = template.Source.Path;
            VisitProgram(template.Body, guarded: false);
            _path = savedPath;
        }

        private void VisitProgram(TemplateProgram? program, bool guarded)
        {
            if (program is null) return;
            StackGuard.Check();
            _cancellationToken.ThrowIfCancellationRequested();
            var statements = program.Statements;
            for (var i = 0; i < statements.Count; i++) VisitStatement(statements[i], guarded);
        }

        private void VisitStatement(Statement statement, bool guarded)
        {
            switch (statement)
            {
                case MustacheStatement mustache:
                    CheckCall(mustache.Path, mustache.Params, mustache.Hash, mustache.Call, CallForm.Mustache, mustache.Span);
                    break;
                case BlockStatement block:
                    CheckCall(block.Path, block.Params, block.Hash, block.Call, CallForm.Block, block.OpenSpan);
                    VisitProgram(block.Program, guarded: true);
                    VisitProgram(block.Inverse, guarded: true);
                    break;
                case PartialStatement partial:
                    VisitPartial(partial.Name, partial.Params, partial.Hash, partial.Span, guarded, hasFallback: false, partial);
                    break;
                case PartialBlockStatement partialBlock:
                    VisitPartial(partialBlock.Name, partialBlock.Params, partialBlock.Hash, partialBlock.OpenSpan, guarded, hasFallback: true, null);
                    VisitProgram(partialBlock.Program, guarded: true);
                    break;
            }
        }

        private enum CallForm
        {
            Mustache,
            Block,
            SubExpression,
        }

        private void VisitArguments(IReadOnlyList<Expression> parameters, HashExpression? hash)
        {
            for (var i = 0; i < parameters.Count; i++) VisitExpression(parameters[i]);
            if (hash is null) return;
            for (var i = 0; i < hash.Pairs.Count; i++) VisitExpression(hash.Pairs[i].Value);
        }

        private void VisitExpression(Expression expression)
        {
            if (expression is SubExpression sub) CheckCall(sub.Path, sub.Params, sub.Hash, sub.Call, CallForm.SubExpression, sub.Span);
        }

        private void CheckCall(Expression pathExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, CallTarget target, CallForm kind, SourceSpan tagSpan)
        {
            VisitArguments(parameters, hash);
            var path = pathExpression as PathExpression;
            switch (target.Kind)
            {
                case PromptGen.Language.Templates.CallKind.Value:
                    if (target.ArgumentsIgnored)
                    {
                        Report(DiagnosticDescriptors.UnknownHelper, pathExpression.Span, $"'{path?.Head}' is a block parameter, not a helper; it cannot take arguments.");
                    }

                    return;
                case PromptGen.Language.Templates.CallKind.UnknownHelper:
                    var shown = path?.Original ?? pathExpression.Original;
                    var name = path?.Head;
                    var all = KnownHelpers.Handlebars.Concat(KnownHelpers.Dotprompt).ToList();
                    var message = path is not null && !path.IsSimple && name is not null && KnownHelpers.IsKnown(name)
                        ? $"'{shown}' is not a helper; only a helper name such as '{name}' can take arguments."
                        : $"Unknown helper '{shown}'.{DidYouMean.Hint(shown, all)} Known helpers: {string.Join(", ", all)}.";
                    Report(DiagnosticDescriptors.UnknownHelper, pathExpression.Span, message);
                    return;
                default:
                    CheckHelper(target.Helper!, parameters, hash, kind, tagSpan);
                    return;
            }
        }

        /// <summary>
        /// PG0208 for a block helper (<c>if</c>, <c>each</c>, <c>ifEquals</c>, ...) used inline (<paramref name="arguments"/>
        /// show its usage), with the wrong number of arguments (<paramref name="countMessage"/>) or an unknown key=value.
        /// </summary>
        private void CheckBlockHelper(string name, string arguments, bool argumentCountIsRight, string countMessage, HashExpression? hash, CallForm kind, SourceSpan span)
        {
            if (kind != CallForm.Block)
            {
                Report(DiagnosticDescriptors.InvalidHelperArguments, span, $"'{name}' must be used as a block: {{{{#{name} {arguments}}}}}...{{{{/{name}}}}}.");
            }

            if (!argumentCountIsRight) Report(DiagnosticDescriptors.InvalidHelperArguments, span, countMessage);
            CheckHash(name, hash);
        }

        private void CheckHelper(string name, IReadOnlyList<Expression> parameters, HashExpression? hash, CallForm kind, SourceSpan span)
        {
            var wrong = DiagnosticDescriptors.InvalidHelperArguments;
            switch (name)
            {
                case "if":
                case "unless":
                case "each":
                case "with":
                    CheckBlockHelper(name, "value", parameters.Count == 1, $"'#{name}' takes exactly one argument, found {parameters.Count}.", hash, kind, span);
                    break;
                case "ifEquals":
                case "unlessEquals":
                    CheckBlockHelper(name, "a b", parameters.Count == 2, $"'{name}' takes exactly two values to compare, found {parameters.Count}.", hash, kind, span);
                    break;
                case "lookup":
                    if (parameters.Count != 2)
                    {
                        Report(wrong, span, $"'lookup' takes an object and a key: {{{{lookup object key}}}}, found {parameters.Count} argument(s).");
                    }

                    break;
                case "json":
                    if (parameters.Count != 1)
                    {
                        Report(wrong, span, $"'json' takes exactly one value: {{{{json value indent=2}}}}, found {parameters.Count}.");
                    }

                    if (kind == CallForm.Block) Report(wrong, span, "'json' is not a block helper: use {{json value}}.");
                    CheckHash(name, hash);
                    break;
                case "role":
                    if (kind == CallForm.Block) Report(DiagnosticDescriptors.InvalidRole, span, "'role' is not a block helper: write {{role \"system\"}} and the message text after it.");
                    else if (kind == CallForm.SubExpression) Report(DiagnosticDescriptors.InvalidRole, span, "'role' cannot be used inside a subexpression.");
                    if (parameters.Count != 1)
                    {
                        Report(DiagnosticDescriptors.InvalidRole, span, $"'role' takes exactly one role name, e.g. {{{{role \"system\"}}}}; found {parameters.Count}.");
                    }
                    else if (parameters[0] is StringLiteral literal)
                    {
                        CheckRoleName(literal);
                    }
                    else if (parameters[0] is not PathExpression and not SubExpression)
                    {
                        Report(DiagnosticDescriptors.InvalidRole, parameters[0].Span, $"'{parameters[0].Original}' is not a role name; use one of: {string.Join(", ", KnownRoles)}.");
                    }

                    if (hash is not null) Report(DiagnosticDescriptors.InvalidRole, hash.Span, "'role' takes no key=value arguments.");
                    break;
                case "history":
                    if (kind == CallForm.Block) Report(DiagnosticDescriptors.InvalidRole, span, "'history' is not a block helper: write {{history}}.");
                    else if (kind == CallForm.SubExpression) Report(DiagnosticDescriptors.InvalidRole, span, "'history' cannot be used inside a subexpression.");
                    if (parameters.Count > 0 || hash is not null) Report(DiagnosticDescriptors.InvalidRole, span, "'history' takes no arguments: write {{history}}.");
                    break;
                case "section":
                    if (kind == CallForm.Block) Report(wrong, span, "'section' is not a block helper: write {{section \"name\"}}.");
                    if (parameters.Count != 1) Report(wrong, span, $"'section' takes exactly one name, e.g. {{{{section \"output\"}}}}; found {parameters.Count}.");
                    CheckHash(name, hash);
                    break;
                case "media":
                    if (kind == CallForm.Block) Report(wrong, span, "'media' is not a block helper: write {{media url=... contentType=...}}.");
                    if (parameters.Count > 0) Report(wrong, span, "'media' takes only key=value arguments: {{media url=imageUrl contentType=\"image/png\"}}.");
                    if (hash?.Find("url") is null) Report(wrong, span, "'media' needs a url: {{media url=imageUrl}}.");
                    CheckHash(name, hash);
                    CheckMediaType(hash, span);
                    break;
            }
        }

        /// <summary>
        /// The media type of <c>{{media}}</c> must be known for the part to reach the model (see <see cref="MediaTypes"/>):
        /// a literal content type or URL that can never work is PG0208; a part whose type the build cannot find (no
        /// contentType, and a URL from the input or without a known extension) is PG0210, at the helper.
        /// </summary>
        private void CheckMediaType(HashExpression? hash, SourceSpan span)
        {
            var url = hash?.Find("url")?.Value;
            if (url is null) return;
            var contentType = hash!.Find("contentType")?.Value;
            string? declared = null;
            if (contentType is not null && IsLiteral(contentType))
            {
                if (IsFalsyLiteral(contentType))
                {
                    contentType = null;
                }
                else if (!MediaTypes.IsValid(contentType.Original))
                {
                    var suggestion = MediaTypes.FromExtension(contentType.Original) ?? "image/png";
                    Report(DiagnosticDescriptors.InvalidHelperArguments, contentType.Span,
                        $"'{contentType.Original}' is not a media type: write type/subtype, e.g. contentType=\"{suggestion}\".");
                    return;
                }
                else
                {
                    declared = contentType.Original;
                }
            }

            if (!IsLiteral(url))
            {
                if (contentType is not null) return;
                Report(DiagnosticDescriptors.MediaTypeUnknown, span,
                    $"'media' has no contentType, so the media type of '{url.Original}' is known only at run time: a data: URI that names its type or a URL ending in a known file extension ({MediaTypes.KnownExtensionsText()}) works, any other value makes Render throw PromptMediaException. Add contentType=\"image/png\" (or a contentType from the input).");
                return;
            }

            var literal = url.Original;
            if (!MediaTypes.IsDataUri(literal) && !MediaTypes.IsAbsoluteUrl(literal))
            {
                Report(DiagnosticDescriptors.InvalidHelperArguments, url.Span,
                    $"'{literal}' is neither an absolute URL (https://...) nor a data: URI; no model provider can fetch it.");
                return;
            }

            if (contentType is not null || MediaTypes.FromUrl(literal) is not null) return;
            var reason = MediaTypes.IsDataUri(literal)
                ? "the data: URI names no media type"
                : $"the URL does not end in a known file extension ({MediaTypes.KnownExtensionsText()})";
            Report(DiagnosticDescriptors.MediaTypeUnknown, span,
                $"'media' has no contentType and {reason}: Render would throw PromptMediaException. Add contentType=\"image/png\" (the part's real type).");
        }

        private static bool IsLiteral(Expression expression) =>
            expression is StringLiteral or NumberLiteral or BooleanLiteral or NullLiteral or UndefinedLiteral;

        /// <summary>A literal that JavaScript reads as false: the helper then writes no content type.</summary>
        private static bool IsFalsyLiteral(Expression expression) => expression switch
        {
            StringLiteral s => s.Value.Length == 0,
            NumberLiteral n => n.Value == 0 || double.IsNaN(n.Value),
            BooleanLiteral b => !b.Value,
            _ => true,
        };

        /// <summary>PG0208 for each <c>key=value</c> argument that <paramref name="helper"/> does not take.</summary>
        private void CheckHash(string helper, HashExpression? hash)
        {
            if (hash is null) return;
            var allowed = KnownHelpers.HashArguments(helper);
            foreach (var pair in hash.Pairs)
            {
                if (allowed.Contains(pair.Key)) continue;
                var hint = DidYouMean.Hint(pair.Key, allowed);
                var accepted = allowed.Count == 0 ? "it takes none" : "it accepts " + string.Join(", ", allowed);
                Report(DiagnosticDescriptors.InvalidHelperArguments, pair.Span, $"'{helper}' has no argument '{pair.Key}' ({accepted}).{hint}");
            }
        }

        private void CheckRoleName(StringLiteral literal)
        {
            var role = literal.Value;
            if (KnownRoles.Contains(role)) return;
            var suggestion = role.Equals("assistant", StringComparison.OrdinalIgnoreCase) ? "model" : DidYouMean.Suggest(role, KnownRoles);
            var hint = DidYouMean.HintFor(suggestion);
            var message = DotpromptHelpers.IsRoleName(role)
                ? $"Unknown role '{role}'; Dotprompt roles are {string.Join(", ", KnownRoles)}.{hint}"
                : $"Invalid role name '{role}': role names are lowercase letters ({string.Join(", ", KnownRoles)}); other names silently become text in other Dotprompt runtimes.{hint}";
            Report(DiagnosticDescriptors.InvalidRole, literal.Span, message);
        }

        private void VisitPartial(Expression nameExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, SourceSpan span, bool guarded,
            bool hasFallback, PartialStatement? statement)
        {
            VisitArguments(parameters, hash);
            if (nameExpression is SubExpression dynamic)
            {
                VisitExpression(dynamic);
                return;
            }

            var name = nameExpression.Original;
            if (name == "@partial-block") return;
            var partial = _partials?.Resolve(name);
            if (partial is null)
            {
                if (hasFallback) return;
                var hint = _partials is Semantics.PartialCatalog catalog ? DidYouMean.Hint(name, catalog.Names) : string.Empty;
                Report(DiagnosticDescriptors.PartialNotFound, nameExpression.Span,
                    $"Partial '{name}' not found; partials are files named '_{name}.prompt' next to the prompts.{hint}");
                return;
            }

            var cycleStart = _chain.FindIndex(entry => entry.Name == name);
            if (cycleStart >= 0)
            {
                var cycle = _chain.Skip(cycleStart).ToList();
                var unconditional = !guarded && cycle.Skip(1).All(entry => !entry.Guarded);
                var description = string.Join(" -> ", cycle.Select(entry => entry.Name).Concat(new[] { name }));
                if (unconditional && _reportedCycles.Add(description))
                {
                    var site = _rootInclude;
                    var message = $"Partial cycle: {description}; rendering it would never end.";
                    if (site is not null && _chain.Count > 0) Diagnostics.Add(new PromptDiagnostic(DiagnosticDescriptors.PartialCycle, _rootPath, site.Span, message));
                    else Report(DiagnosticDescriptors.PartialCycle, span, message);
                }

                return;
            }

            if (_donePartials.Contains(name)) return;
            if (_analyzedPartials.Add(name))
            {
                foreach (var diagnostic in partial.Diagnostics)
                {
                    if (!Diagnostics.Contains(diagnostic)) Diagnostics.Add(diagnostic);
                }
            }

            if (_chain.Count >= TemplateParser.MaxNestingDepth) return;
            if (_chain.Count == 0)
            {
                _rootInclude = statement;
                _rootPath = _path;
            }

            _chain.Add((name, guarded));
            VisitTemplate(partial.Template, name);
            _chain.RemoveAt(_chain.Count - 1);
            _donePartials.Add(name);
        }

        private string _rootPath = string.Empty;
    }
}
