using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// Reads one JSON value of type <typeparamref name="T"/> strictly. Called with <paramref name="reader"/> on the value's
/// first token; on success leaves it on the value's last token. Returns <see langword="false"/> (after recording why
/// with <see cref="JsonRead.Mismatch"/> or <c>JsonRead.MissingProperty</c>) instead of throwing when the value
/// does not fit. The text must have passed the syntax check of <see cref="JsonText"/>, so reading never throws.
/// </summary>
/// <typeparam name="T">The type read.</typeparam>
/// <param name="reader">The reader, on the value's first token.</param>
/// <param name="value">The value read; unspecified when the method returns <see langword="false"/>.</param>
/// <returns>True when the JSON value fits <typeparamref name="T"/>.</returns>
public delegate bool JsonValueReader<T>(ref Utf8JsonReader reader, out T value);
