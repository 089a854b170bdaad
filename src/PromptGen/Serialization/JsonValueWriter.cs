using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>Writes one value of type <typeparamref name="T"/> as JSON with its wire names.</summary>
/// <typeparam name="T">The type written.</typeparam>
/// <param name="writer">The writer.</param>
/// <param name="value">The value to write.</param>
public delegate void JsonValueWriter<in T>(Utf8JsonWriter writer, T value);
