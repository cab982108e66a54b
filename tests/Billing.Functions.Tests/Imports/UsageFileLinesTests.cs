using System.Text;
using Billing.Application.Imports;

namespace Billing.Functions.Tests.Imports;

/// <summary>
/// How a dropped JSON-lines file is split into numbered lines: a UTF-8 byte order mark (as Windows editors and
/// PowerShell write) is not part of the first line, CRLF and a lone CR end a line like LF, and a line that is not UTF-8 is
/// reported alone.
/// </summary>
public sealed class UsageFileLinesTests
{
    [Fact]
    public void Lf_cr_lf_and_a_lone_cr_each_end_one_line_as_csv_readers_count_them()
    {
        var content = Encoding.UTF8.GetBytes("a\rb\r\nc\nd\r\re");

        Assert.Equal([("a", null), ("b", null), ("c", null), ("d", null), (string.Empty, null), ("e", null)], UsageFileLines.Split(content));
        Assert.Equal(5, UsageFileLines.LineBreaks(content));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_line()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"id\":\"e-1\"}\r\n{\"id\":\"e-2\"}\r\n")];

        var lines = UsageFileLines.Split(content);

        Assert.Equal([("{\"id\":\"e-1\"}", null), ("{\"id\":\"e-2\"}", null)], lines);
    }

    [Fact]
    public void A_byte_order_mark_later_in_the_file_stays_in_its_line()
    {
        byte[] content = [.. Encoding.UTF8.GetBytes("a\n"), 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("b\n")];

        var lines = UsageFileLines.Split(content);

        Assert.Equal([("a", null), ("\uFEFFb", null)], lines);
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_reported_and_the_others_are_read()
    {
        byte[] content = [.. Encoding.UTF8.GetBytes("a\n"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\nc")];

        var lines = UsageFileLines.Split(content);

        Assert.Equal([("a", null), (null, "not valid UTF-8"), ("c", null)], lines);
    }
}
