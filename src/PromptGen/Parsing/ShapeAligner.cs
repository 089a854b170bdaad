using System.Text.Json;

namespace PromptGen;

/// <summary>
/// Writes a <see cref="LooseNode"/> as canonical JSON for an <see cref="OutputShape"/>, coercing values to the
/// declared kinds and logging each coercion. Errors are logged and writing continues, so the number of errors
/// can rank candidates; the JSON of a candidate with errors is discarded.
/// </summary>
internal sealed class ShapeAligner
{
    private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };

    private static readonly string[] WrapperNames = { "data", "result", "results", "output", "response", "answer", "value", "items", "json" };

    private readonly Utf8JsonWriter _writer;
    private readonly RepairLog _log;

    public ShapeAligner(Utf8JsonWriter writer, RepairLog log)
    {
        _writer = writer;
        _log = log;
    }

    public void Align(LooseNode node, OutputShape shape)
    {
        if (node.Kind == LooseKind.Null)
        {
            if (!shape.IsNullable && shape.Kind != OutputShapeKind.Any)
            {
                _log.Fail(RepairMessages.NullMismatch, shape);
            }

            _writer.WriteNullValue();
            return;
        }

        switch (shape.Kind)
        {
            case OutputShapeKind.Any:
                WriteAsIs(node);
                return;
            case OutputShapeKind.String:
                AlignString(node, shape);
                return;
            case OutputShapeKind.Integer:
            case OutputShapeKind.Number:
                AlignNumber(node, shape);
                return;
            case OutputShapeKind.Boolean:
                AlignBoolean(node, shape);
                return;
            case OutputShapeKind.Enum:
                AlignEnum(node, shape);
                return;
            case OutputShapeKind.Array:
                AlignArray(node, shape);
                return;
            case OutputShapeKind.Object:
                AlignObject(node, shape);
                return;
            default:
                AlignMap(node, shape);
                return;
        }
    }

    private void AlignString(LooseNode node, OutputShape shape)
    {
        switch (node.Kind)
        {
            case LooseKind.String:
            case LooseKind.Bare:
                _writer.WriteStringValue(node.Text);
                return;
            case LooseKind.Number:
                _log.Add(PromptRepairKind.StringFromScalar, node.Start, node.Length, RepairMessages.NumberAsString, node);
                _writer.WriteStringValue(node.Text);
                return;
            case LooseKind.True:
            case LooseKind.False:
                var text = node.Kind == LooseKind.True ? "true" : "false";
                _log.Add(PromptRepairKind.StringFromScalar, node.Start, node.Length, node.Kind == LooseKind.True ? "used the boolean true as a string" : "used the boolean false as a string");
                _writer.WriteStringValue(text);
                return;
            default:
                UnwrapToScalarOrMismatch(node, shape);

                return;
        }
    }

    private void AlignNumber(LooseNode node, OutputShape shape)
    {
        var integer = shape.Kind == OutputShapeKind.Integer;
        string? number;
        switch (node.Kind)
        {
            case LooseKind.Number:
                number = node.Text!;
                break;
            case LooseKind.String:
            case LooseKind.Bare:
                var trimmed = node.Text!.Trim();
                if (NumberText.IsJsonNumber(trimmed))
                {
                    number = trimmed;
                    _log.Add(PromptRepairKind.NumberFromString, node.Start, node.Length, RepairMessages.StringAsNumber, node);
                }
                else if ((number = NumberText.NormalizeLenient(trimmed)) is not null)
                {
                    _log.Add(PromptRepairKind.NumberFromString, node.Start, node.Length, RepairMessages.StringAsTheNumber, node, number);
                }
                else if ((number = NumberText.NormalizeFormatted(trimmed)) is not null)
                {
                    _log.Add(PromptRepairKind.NumberWithSeparators, node.Start, node.Length, RepairMessages.FormattedNumber, node, number);
                }
                else
                {
                    Mismatch(node, shape);
                    return;
                }

                break;
            default:
                UnwrapToScalarOrMismatch(node, shape);

                return;
        }

        if (integer)
        {
            var exact = NumberText.ToExactInteger(number);
            if (exact is null)
            {
                _log.Fail(RepairMessages.ExpectedInteger, number);
                _writer.WriteNullValue();
                return;
            }

            if (exact != number && number.IndexOfAny(FractionOrExponent) >= 0)
            {
                _log.Add(PromptRepairKind.FloatToInteger, node.Start, node.Length, RepairMessages.FloatAsInteger, number, exact);
            }

            number = exact;
        }

        _writer.WriteRawValue(number, skipInputValidation: true);
    }

    private void AlignBoolean(LooseNode node, OutputShape shape)
    {
        switch (node.Kind)
        {
            case LooseKind.True:
                _writer.WriteBooleanValue(true);
                return;
            case LooseKind.False:
                _writer.WriteBooleanValue(false);
                return;
            case LooseKind.String:
            case LooseKind.Bare:
            case LooseKind.Number:
                var word = node.Text!.Trim().TrimEnd('.', '!').ToLowerInvariant();
                bool? value = word switch
                {
                    "true" or "yes" or "y" or "1" or "on" => true,
                    "false" or "no" or "n" or "0" or "off" => false,
                    _ => null,
                };
                if (value is null)
                {
                    Mismatch(node, shape);
                    return;
                }

                _log.Add(PromptRepairKind.BooleanFromString, node.Start, node.Length, RepairMessages.BooleanFrom, node, value.Value ? "true" : "false");
                _writer.WriteBooleanValue(value.Value);
                return;
            default:
                UnwrapToScalarOrMismatch(node, shape);

                return;
        }
    }

    private void AlignEnum(LooseNode node, OutputShape shape)
    {
        if (node.Kind is not (LooseKind.String or LooseKind.Bare or LooseKind.Number or LooseKind.True or LooseKind.False))
        {
            UnwrapToScalarOrMismatch(node, shape);

            return;
        }

        var text = node.Text ?? (node.Kind == LooseKind.True ? "true" : "false");
        var values = shape.EnumValues;
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], text, StringComparison.Ordinal))
            {
                WriteString(values[i], shape.EncodedEnumValues[i]);
                return;
            }
        }

        var match = EnumMatcher.Match(text, shape, out var how, out var ambiguous);
        if (match is not null)
        {
            var kind = how == EnumMatcher.How.Case ? PromptRepairKind.EnumCaseFixed : PromptRepairKind.EnumFromPrefixOrWord;
            _log.Add(kind, node.Start, node.Length, RepairMessages.EnumValue, text, match);
            _writer.WriteStringValue(match);
            return;
        }

        if (ambiguous is not null)
        {
            _log.Fail(RepairMessages.EnumAmbiguous, text, ambiguous);
        }
        else
        {
            _log.Fail(RepairMessages.EnumUnknown, text, shape);
        }

        _writer.WriteNullValue();
    }

    private void AlignArray(LooseNode node, OutputShape shape)
    {
        if (node.Kind == LooseKind.Array)
        {
            _writer.WriteStartArray();
            var items = node.Items!;
            for (var i = 0; i < items.Length; i++)
            {
                _log.Push(i);
                Align(items[i], shape.Item!);
                _log.Pop();
            }

            _writer.WriteEndArray();
            return;
        }

        if (node.Kind == LooseKind.Object && FindWrapped(node, shape) is { } inner)
        {
            _log.Add(PromptRepairKind.UnwrappedDataWrapper, node.Start, node.Length, "removed a wrapper object around the array");
            AlignArray(inner, shape);
            return;
        }

        _log.Add(PromptRepairKind.SingleValueToList, node.Start, node.Length, "wrapped a single value in a list");
        _writer.WriteStartArray();
        _log.Push(0);
        Align(node, shape.Item!);
        _log.Pop();
        _writer.WriteEndArray();
    }

    private void AlignObject(LooseNode node, OutputShape shape)
    {
        if (node.Kind == LooseKind.Array && node.Items!.Length == 1 && node.Items[0].Kind == LooseKind.Object)
        {
            _log.Add(PromptRepairKind.ListToSingleValue, node.Start, node.Length, "used the only item of a list");
            AlignObject(node.Items[0], shape);
            return;
        }

        if (node.Kind != LooseKind.Object)
        {
            Mismatch(node, shape);
            return;
        }

        var members = node.Members!;
        var properties = shape.PropertyArray;
        Span<int> found = properties.Length <= 64 ? stackalloc int[properties.Length] : new int[properties.Length];
        found.Fill(-1);

        // Each member's property, looked up once (duplicates and unknown members are reported from this).
        Span<int> propertyOf = members.Length <= 64 ? stackalloc int[members.Length] : new int[members.Length];
        var anyKnown = false;
        for (var m = 0; m < members.Length; m++)
        {
            var key = members[m].Key;
            var index = shape.FindProperty(key);
            if (index < 0)
            {
                index = shape.FindPropertyLoosely(key);
            }

            propertyOf[m] = index;
            if (index >= 0)
            {
                anyKnown = true;
                found[index] = m;
            }
        }

        if (!anyKnown && members.Length == 1 && members[0].Value.Kind == LooseKind.Object)
        {
            _log.Add(PromptRepairKind.UnwrappedDataWrapper, node.Start, node.Length, RepairMessages.WrapperObject, members[0].Key);
            AlignObject(members[0].Value, shape);
            return;
        }

        _writer.WriteStartObject();
        for (var p = 0; p < properties.Length; p++)
        {
            var property = properties[p];
            WritePropertyName(property);
            _log.Push(property.Name);
            var m = found[p];
            if (m >= 0)
            {
                var member = members[m];
                if (!string.Equals(member.Key, property.Name, StringComparison.Ordinal))
                {
                    _log.Add(PromptRepairKind.PropertyNameFixed, member.KeyStart, member.KeyLength, RepairMessages.KeyAs, member.Key, property.Name);
                }

                for (var earlier = 0; earlier < m; earlier++)
                {
                    if (propertyOf[earlier] == p)
                    {
                        _log.Add(PromptRepairKind.DuplicateProperty, members[earlier].KeyStart, members[earlier].KeyLength, RepairMessages.DuplicateKeptLast, members[earlier].Key);
                    }
                }

                Align(member.Value, property.Shape);
            }
            else if (!property.Required)
            {
                _log.Add(PromptRepairKind.NullForMissingOptional, node.End, 0, RepairMessages.OptionalMissing, property.Name);
                _writer.WriteNullValue();
            }
            else
            {
                _log.Fail(RepairMessages.RequiredMissing, property.Name);
                _writer.WriteNullValue();
            }

            _log.Pop();
        }

        for (var m = 0; m < members.Length; m++)
        {
            if (propertyOf[m] >= 0)
            {
                continue;
            }

            var key = members[m].Key;

            _log.Push(key);
            if (shape.AdditionalProperties is { } additional)
            {
                _writer.WritePropertyName(key);
                Align(members[m].Value, additional);
            }
            else
            {
                _log.Add(PromptRepairKind.DroppedUnknownProperty, members[m].KeyStart, members[m].Value.End - members[m].KeyStart, RepairMessages.UnknownDropped, key);
            }

            _log.Pop();
        }

        _writer.WriteEndObject();
    }

    private void AlignMap(LooseNode node, OutputShape shape)
    {
        if (node.Kind != LooseKind.Object)
        {
            Mismatch(node, shape);
            return;
        }

        _writer.WriteStartObject();
        var members = node.Members!;
        HashSet<string>? seen = null;
        for (var m = 0; m < members.Length; m++)
        {
            var member = members[m];
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(member.Key))
            {
                // Canonical JSON has unique keys; the strict reader would otherwise see both.
                _log.Push(member.Key);
                _log.Add(PromptRepairKind.DuplicateProperty, member.KeyStart, member.KeyLength, RepairMessages.DuplicateKeptFirst, member.Key);
                _log.Pop();
                continue;
            }

            _writer.WritePropertyName(member.Key);
            _log.Push(member.Key);
            Align(member.Value, shape.Item!);
            _log.Pop();
        }

        _writer.WriteEndObject();
    }

    /// <summary>Unwraps a one-element list or a one-key/known-wrapper object around a scalar value.</summary>
    /// <summary>A container where a scalar belongs: its single scalar is used, or the node does not fit.</summary>
    private void UnwrapToScalarOrMismatch(LooseNode node, OutputShape shape)
    {
        if (!TryUnwrapToScalar(node, shape))
        {
            Mismatch(node, shape);
        }
    }

    private bool TryUnwrapToScalar(LooseNode node, OutputShape shape)
    {
        if (node.Kind == LooseKind.Array && node.Items!.Length == 1 && node.Items[0].Kind is not (LooseKind.Array or LooseKind.Object))
        {
            _log.Add(PromptRepairKind.ListToSingleValue, node.Start, node.Length, "used the only item of a list");
            Align(node.Items[0], shape);
            return true;
        }

        if (node.Kind == LooseKind.Object && node.Members!.Length == 1 && node.Members[0].Value is { } inner
            && inner.Kind is not (LooseKind.Array or LooseKind.Object))
        {
            _log.Add(PromptRepairKind.UnwrappedDataWrapper, node.Start, node.Length, "removed a wrapper object around the value");
            Align(inner, shape);
            return true;
        }

        return false;
    }

    /// <summary>The value inside <c>{"data": ...}</c>-style wrappers: the only member, or the single well-known one.</summary>
    private static LooseNode? FindWrapped(LooseNode node, OutputShape shape)
    {
        var members = node.Members!;
        if (members.Length == 1)
        {
            return members[0].Value;
        }

        LooseNode? found = null;
        foreach (var member in members)
        {
            foreach (var name in WrapperNames)
            {
                if (string.Equals(member.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = member.Value;
                }
            }
        }

        if (found is null && shape.Kind == OutputShapeKind.Array)
        {
            // The only array-valued member of an object given where a list is expected.
            foreach (var member in members)
            {
                if (member.Value.Kind == LooseKind.Array)
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = member.Value;
                }
            }
        }

        return found;
    }

    /// <summary>A declared name, copied when it was escaped ahead of time.</summary>
    private void WritePropertyName(OutputProperty property)
    {
        if (property.EncodedName is { } encoded)
        {
            _writer.WritePropertyName(encoded);
        }
        else
        {
            _writer.WritePropertyName(property.Name);
        }
    }

    /// <summary>A declared value, copied when it was escaped ahead of time.</summary>
    private void WriteString(string value, JsonEncodedText? encoded)
    {
        if (encoded is { } text)
        {
            _writer.WriteStringValue(text);
        }
        else
        {
            _writer.WriteStringValue(value);
        }
    }

    private void Mismatch(LooseNode node, OutputShape shape)
    {
        _log.Fail(RepairMessages.Mismatch, shape, node);
        _writer.WriteNullValue();
    }

    private void WriteAsIs(LooseNode node)
    {
        switch (node.Kind)
        {
            case LooseKind.Object:
                _writer.WriteStartObject();
                HashSet<string>? seen = null;
                foreach (var member in node.Members!)
                {
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!seen.Add(member.Key))
                    {
                        continue;
                    }

                    _writer.WritePropertyName(member.Key);
                    _log.Push(member.Key);
                    WriteAsIs(member.Value);
                    _log.Pop();
                }

                _writer.WriteEndObject();
                return;
            case LooseKind.Array:
                _writer.WriteStartArray();
                foreach (var item in node.Items!)
                {
                    WriteAsIs(item);
                }

                _writer.WriteEndArray();
                return;
            case LooseKind.String:
            case LooseKind.Bare:
                _writer.WriteStringValue(node.Text);
                return;
            case LooseKind.Number:
                _writer.WriteRawValue(node.Text!, skipInputValidation: true);
                return;
            case LooseKind.True:
                _writer.WriteBooleanValue(true);
                return;
            case LooseKind.False:
                _writer.WriteBooleanValue(false);
                return;
            default:
                _writer.WriteNullValue();
                return;
        }
    }
}
