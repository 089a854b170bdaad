using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PromptGen.Language.Rendering;

namespace PromptGen.Language.Tests.Rendering;

/// <summary>The one media-type table and rule, shared by the build check (PG0210) and the run-time mapping.</summary>
public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("https://example.com/cat.png", "image/png")]
    [InlineData("https://example.com/a/b/photo.JPEG?size=2&sig=secret#frag", "image/jpeg")]
    [InlineData("https://example.com/photo.jpg", "image/jpeg")]
    [InlineData("gs://bucket/report.pdf", "application/pdf")]
    [InlineData("https://example.com/clip.mp3", "audio/mpeg")]
    [InlineData("https://example.com/clip.wav", "audio/wav")]
    [InlineData("https://example.com/clip.mp4", "video/mp4")]
    [InlineData("https://example.com/a%2Epng", "image/png")]
    [InlineData("https://user@example.com:8080/x/y.webm", "video/webm")]
    [InlineData("https://example.com/anim.gif", "image/gif")]
    [InlineData("https://example.com/pic.webp", "image/webp")]
    [InlineData("data:image/png;base64,AAAA", "image/png")]
    [InlineData("DATA:application/pdf;base64,AAAA", "application/pdf")]
    [InlineData("data:text/plain;charset=utf-8,hello", "text/plain")]
    public void The_type_comes_from_the_data_uri_or_the_file_extension(string url, string expected) =>
        Assert.Equal(expected, MediaTypes.FromUrl(url));

    [Theory]
    [InlineData("https://example.com/render?id=3")]
    [InlineData("https://example.com/photo")]
    [InlineData("https://example.com/archive.tar.zst")]
    [InlineData("https://example.com/.png")]
    [InlineData("https://example.com/dir.png/")]
    [InlineData("https://example.com/photo?name=cat.png")]
    [InlineData("https://photos.example.png")]
    [InlineData("https://photos.example.png?x=1")]
    [InlineData("data:;base64,AAAA")]
    [InlineData("data:,hello")]
    public void Urls_without_a_known_type_give_none(string url) => Assert.Null(MediaTypes.FromUrl(url));

    [Fact]
    public void Every_extension_is_lowercase_once_and_maps_to_a_valid_media_type()
    {
        var extensions = MediaTypes.ByExtension.Select(p => p.Key).ToList();
        Assert.Equal(extensions.Count, extensions.Distinct().Count());
        Assert.All(MediaTypes.ByExtension, p =>
        {
            Assert.Equal(p.Key.ToLowerInvariant(), p.Key);
            Assert.True(MediaTypes.IsValid(p.Value), p.Value);
            Assert.Equal(p.Value, MediaTypes.FromExtension("." + p.Key.ToUpperInvariant()));
        });
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/*", true)]
    [InlineData("image/svg+xml", true)]
    [InlineData("text/plain;charset=utf-8", true)]
    [InlineData("text/plain;charset=\"utf-8\"", true)]
    [InlineData("png", false)]
    [InlineData("image/", false)]
    [InlineData("a/b/c", false)]
    [InlineData("image/png; q=1", false)]
    [InlineData("image/png;", false)]
    [InlineData("", false)]
    public void Media_types_are_type_slash_subtype_with_optional_parameters(string mediaType, bool valid) =>
        Assert.Equal(valid, MediaTypes.IsValid(mediaType));

    [Fact]
    public void Resolution_prefers_the_declared_type_then_the_url()
    {
        var declared = MediaTypes.Resolve("https://example.com/cat.png", "image/webp");
        Assert.Equal(("image/webp", false, false, (string?)null), (declared.MediaType, declared.IsDataUri, declared.FromUrl, declared.Problem));

        var inferred = MediaTypes.Resolve("https://example.com/cat.png", null);
        Assert.Equal(("image/png", false, true), (inferred.MediaType, inferred.IsDataUri, inferred.FromUrl));

        var data = MediaTypes.Resolve("data:application/pdf;base64,AAAA", "");
        Assert.Equal(("application/pdf", true, true), (data.MediaType, data.IsDataUri, data.FromUrl));
    }

    [Theory]
    [InlineData("https://example.com/render?id=3&sig=s3cr3t", "is unknown", "'https://example.com/render?...'")]
    [InlineData("data:;base64,QUJD", "names no media type", "data:;base64,... (17 characters)")]
    [InlineData("photos/cat.png", "neither an absolute URL", "'photos/cat.png'")]
    [InlineData("/photos/cat.png", "neither an absolute URL", "'/photos/cat.png'")]
    [InlineData("undefined", "neither an absolute URL", "'undefined'")]
    [InlineData("https://user:s3cr3t@example.com/render#s3cr3t", "is unknown", "'https://...@example.com/render#...'")]
    public void Unresolvable_parts_say_why_and_never_show_the_query(string url, string reason, string shown)
    {
        var resolution = MediaTypes.Resolve(url, null);
        Assert.NotNull(resolution.Problem);
        Assert.Contains(reason, resolution.Problem);
        Assert.Contains(shown, resolution.Problem);
        Assert.DoesNotContain("s3cr3t", resolution.Problem);
    }

    [Fact]
    public void The_documented_table_is_the_source_table()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "prompt-format.md"));
        var start = Array.IndexOf(lines, "| Extensions | Media type |");
        Assert.True(start >= 0, "docs/prompt-format.md has no media type table");
        var documented = lines.Skip(start + 2).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal))
            .SelectMany(row =>
            {
                var cells = row.Split('|');
                var type = cells[2].Trim().Trim('`');
                return Regex.Matches(cells[1], "`\\.([^`]+)`").Select(m => (Extension: m.Groups[1].Value, Type: type));
            })
            .ToList();

        Assert.Equal(MediaTypes.ByExtension.Select(p => (p.Key, p.Value)), documented);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Repository root (PromptGen.sln) not found above the test output folder.");
    }
}
