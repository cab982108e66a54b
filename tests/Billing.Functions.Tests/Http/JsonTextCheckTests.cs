using System.Text;
using Billing.Application.Http;

namespace Billing.Functions.Tests.Http;

/// <summary>The door check of JSON documents: text that is not valid Unicode, and a property named twice in one object, found with their path.</summary>
public sealed class JsonTextCheckTests
{
    [Theory]
    [InlineData("""{"name":"Acme","plans":[{"code":"p","charges":[{"code":"a"},{"code":"b\ud800"}]}]}""", "plans[0].charges[1].code", "not valid Unicode")]
    [InlineData("""{"a":{"\udc00x":1}}""", "a", "property name that is not valid Unicode")]
    [InlineData("""["ok","\ud800"]""", "$[1]", "not valid Unicode")]
    [InlineData("""{"id":"p1","amount":"5","id":"p2"}""", "id", "appears twice")]
    [InlineData("""{"plans":[{"code":"p"},{"code":"q","code":"r"}]}""", "plans[1].code", "appears twice")]
    [InlineData("\"\\ud800\"", "$", "not valid Unicode")]
    public void The_first_problem_is_named_by_its_path(string json, string path, string problem)
    {
        var found = JsonTextCheck.FirstProblem(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(found);
        Assert.Equal(path, found.Value.Path);
        Assert.Contains(problem, found.Value.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_inside_a_string_are_a_problem()
    {
        byte[] json = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal("name", JsonTextCheck.FirstProblem(json)?.Path);
    }

    [Theory]
    [InlineData("""{"name":"Acme \ud83d\ude00 客户","a":[{"name":"x"},{"name":"x"}],"b":{"name":1}}""")]
    [InlineData("""[]""")]
    [InlineData("""{"not json" """)]
    [InlineData("")]
    public void Valid_text_with_names_repeated_only_across_objects_and_text_that_is_not_json_pass(string json)
    {
        Assert.Null(JsonTextCheck.FirstProblem(Encoding.UTF8.GetBytes(json)));
    }
}
