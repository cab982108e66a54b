using System.Text;
using System.Text.Json;
using Billing.Application.Imports;

namespace Billing.Functions.Tests.Imports;

/// <summary>
/// How a dropped CSV file becomes event JSON, line by line as the import report numbers it: RFC 4180 quoting
/// (separators, doubled quotes and line breaks inside quotes), a UTF-8 byte order mark, and rows that cannot be read.
/// </summary>
public sealed class CsvMappingTests
{
    private const string Header = "id,customer,meter,at,quantity";
    private const string At = "2026-01-05T10:00:00Z";

    [Fact]
    public void A_quoted_field_holding_a_line_break_stays_one_record_reported_at_its_first_line()
    {
        var rows = Convert($"{Header}\n\"e-1\",acme,\"api\ncalls\",{At},5\ne-2,acme,api_calls,{At},6\n");

        Assert.Equal(4, rows.Count);
        Assert.Equal("api\ncalls", Event(rows[1]).GetProperty("meter").GetString());
        Assert.Equal((string.Empty, null), rows[2]);
        Assert.Equal("e-2", Event(rows[3]).GetProperty("id").GetString());
    }

    [Fact]
    public void A_file_with_lone_cr_line_ends_and_a_lone_cr_inside_quotes_is_read_record_by_record()
    {
        var rows = Convert($"{Header}\re-1,acme,api_calls,{At},5\r\"e-2\",acme,\"api\rcalls\",{At},6\re-3,acme,api_calls,{At},7\r");

        Assert.Equal(5, rows.Count);
        Assert.Equal("e-1", Event(rows[1]).GetProperty("id").GetString());
        Assert.Equal("api\rcalls", Event(rows[2]).GetProperty("meter").GetString());
        Assert.Equal((string.Empty, null), rows[3]);
        Assert.Equal("e-3", Event(rows[4]).GetProperty("id").GetString());
    }

    [Fact]
    public void A_header_that_maps_two_columns_to_one_field_refuses_the_rows()
    {
        var rows = Convert($"id,customer,meter,at,quantity,quantity\ne-1,acme,api_calls,{At},1,1000\n");

        Assert.All(rows, row => Assert.Equal((null, "the header maps two columns to 'quantity'"), row));
    }

    [Fact]
    public void Quoted_fields_keep_separators_and_doubled_quotes()
    {
        var rows = Convert($"{Header}\n\"e-1, \"\"first\"\"\",acme,api_calls,{At},\"1,5\"\n");

        var usage = Event(rows[1]);
        Assert.Equal("e-1, \"first\"", usage.GetProperty("id").GetString());
        Assert.Equal("1,5", usage.GetProperty("properties").GetProperty("quantity").GetString());
    }

    [Fact]
    public void A_utf8_byte_order_mark_does_not_hide_the_first_column()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"{Header}\r\ne-1,acme,api_calls,{At},5\r\n")];

        var rows = CsvMapping.Default.Convert(content, UsageFileLines.Split(content));

        Assert.Equal("e-1", Event(rows[1]).GetProperty("id").GetString());
    }

    [Fact]
    public void A_row_with_another_number_of_columns_is_refused_naming_both_counts()
    {
        var rows = Convert($"{Header}\ne-1,acme,api_calls,{At},5,extra\ne-2,acme,api_calls,{At},6\n");

        Assert.Equal((null, "has 6 columns, the header has 5"), rows[1]);
        Assert.Equal("e-2", Event(rows[2]).GetProperty("id").GetString());
    }

    [Fact]
    public void A_record_touching_a_line_that_is_not_utf8_is_refused_and_the_next_records_are_read()
    {
        byte[] content =
        [
            .. Encoding.UTF8.GetBytes($"{Header}\n\"e-1\",acme,\"api\n"),
            0xFF, 0xFE,
            .. Encoding.UTF8.GetBytes($"\",{At},5\ne-2,acme,api_calls,{At},6\n"),
        ];

        var rows = CsvMapping.Default.Convert(content, UsageFileLines.Split(content));

        Assert.Equal((null, "not valid UTF-8"), rows[1]);
        Assert.Equal((string.Empty, null), rows[2]);
        Assert.Equal("e-2", Event(rows[3]).GetProperty("id").GetString());
    }

    [Fact]
    public void A_stray_quote_refuses_its_record_only()
    {
        var rows = Convert($"{Header}\ne\"-1,acme,api_calls,{At},5\ne-2,acme,api_calls,{At},6\n");

        Assert.Null(rows[1].Text);
        Assert.StartsWith("malformed CSV quoting", rows[1].Problem, StringComparison.Ordinal);
        Assert.Equal("e-2", Event(rows[2]).GetProperty("id").GetString());
    }

    [Fact]
    public void A_named_mapping_renames_columns_and_derives_the_id_from_request_and_time()
    {
        var gateway = new CsvMapping
        {
            Fields = new(StringComparer.OrdinalIgnoreCase) { ["req"] = "requestId", ["ts"] = "at", ["tenant"] = "customer", ["api"] = "meter", ["calls"] = "quantity" },
            Property = "calls",
        };
        byte[] content = Encoding.UTF8.GetBytes($"req,ts,tenant,api,calls,ignored\nr-1,{At},acme,api_calls,7,x\n");

        var usage = Event(gateway.Convert(content, UsageFileLines.Split(content))[1]);

        Assert.Equal($"r-1@{At}", usage.GetProperty("id").GetString());
        Assert.Equal("7", usage.GetProperty("properties").GetProperty("calls").GetString());
    }

    private static List<(string? Text, string? Problem)> Convert(string csv)
    {
        byte[] content = Encoding.UTF8.GetBytes(csv);
        return CsvMapping.Default.Convert(content, UsageFileLines.Split(content));
    }

    private static JsonElement Event((string? Text, string? Problem) row)
    {
        Assert.Null(row.Problem);
        return JsonDocument.Parse(row.Text!).RootElement.Clone();
    }
}
