using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromptGen.Property.Tests.Prompts;

namespace PromptGen.Property.Tests;

/// <summary>
/// print(x): an output value as the JSON a model would answer with (wire names, enum wire names, absent optionals
/// left out). Written by hand from the prompts' schemas so the property does not trust the generated writer.
/// Every field is written, so two values print alike exactly when they are equal.
/// </summary>
internal static class OutputPrinter
{
    public static string Print(ClassifyTicketPrompt.Output value, bool asciiOnly = false, bool indented = false) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("category", value.Category.ToWireName());
        w.WriteString("priority", value.Priority.ToWireName());
        w.WriteString("summary", value.Summary);
        w.WriteNumber("confidence", value.Confidence);
        w.WriteEndObject();
    }, asciiOnly, indented);

    public static string Print(ExtractTicketDetailsPrompt.Output value, bool asciiOnly = false, bool indented = false) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("customer");
        w.WriteString("name", value.Customer.Name);
        Optional(w, "email", value.Customer.Email);
        Optional(w, "accountId", value.Customer.AccountId);
        w.WriteEndObject();
        w.WriteStartArray("orders");
        foreach (var order in value.Orders)
        {
            w.WriteStartObject();
            w.WriteString("orderId", order.OrderId);
            Strings(w, "items", order.Items);
            if (order.Amount is { } amount) w.WriteNumber("amount", amount);
            if (order.Currency is { } currency) w.WriteString("currency", currency.ToWireName());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("requestedAction", value.RequestedAction.ToWireName());
        Optional(w, "deadline", value.Deadline);
        w.WriteEndObject();
    }, asciiOnly, indented);

    public static string Print(PlanTripPrompt.Output value, bool asciiOnly = false, bool indented = false) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("title", value.Title);
        w.WriteStartArray("days");
        foreach (var day in value.Days)
        {
            w.WriteStartObject();
            w.WriteNumber("day", day.Day);
            w.WriteString("city", day.City);
            if (day.Cost is { } cost) w.WriteNumber("cost", cost);
            Strings(w, "tags", day.Tags);
            w.WriteBoolean("booked", day.Booked);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("pace", value.Pace.ToWireName());
        if (value.Summary is { } summary)
        {
            w.WriteStartObject("summary");
            w.WriteNumber("total", summary.Total);
            if (summary.Currency is { } currency) w.WriteString("currency", currency.ToWireName());
            if (summary.Warnings is { } warnings) Strings(w, "warnings", warnings);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }, asciiOnly, indented);

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    /// <summary>ASCII-only escapes every other character as <c>\uXXXX</c> (surrogate pairs too); otherwise only what JSON requires.</summary>
    private static string Write(Action<Utf8JsonWriter> write, bool asciiOnly, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = asciiOnly ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
