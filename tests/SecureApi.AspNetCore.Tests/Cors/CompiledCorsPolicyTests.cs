using Microsoft.Extensions.Primitives;
using SecureApi.AspNetCore.Cors;

namespace SecureApi.AspNetCore.Tests.Cors;

public sealed class CompiledCorsPolicyTests
{
    // The default policy: GET, POST, PUT, PATCH, DELETE; Content-Type and X-XSRF-TOKEN.
    private static readonly CompiledCorsPolicy Policy = new(string.Empty, new ApiCorsPolicyOptions(), OriginAllowlist.Create([]));

    public static TheoryData<StringValues> GrantedHeaderLists => new()
    {
        StringValues.Empty,
        string.Empty,
        "content-type",
        "content-type, x-xsrf-token",
        "Content-Type,X-XSRF-TOKEN",
        " content-type ,, x-xsrf-token ,",
        new StringValues(["content-type", "x-xsrf-token"]),
    };

    public static TheoryData<StringValues> RefusedHeaderLists => new()
    {
        "content-type, x-api-key",
        "content",
        "content-type-x",
        "content-type;x-xsrf-token",
        new StringValues(["content-type", "authorization"]),
    };

    [Theory]
    [MemberData(nameof(GrantedHeaderLists))]
    public void Grants_AllowedMethodAndHeaders_InAnyCaseSpacingOrNumberOfValues(StringValues headers) =>
        Assert.True(Policy.Grants("POST", headers));

    [Theory]
    [MemberData(nameof(RefusedHeaderLists))]
    public void Grants_AnyHeaderOutsideThePolicy_IsRefused(StringValues headers) =>
        Assert.False(Policy.Grants("POST", headers));

    [Theory]
    [InlineData("post")]
    [InlineData("PROPFIND")]
    [InlineData("")]
    public void Grants_MethodOutsideThePolicy_IsRefused(string method) =>
        Assert.False(Policy.Grants(method, "content-type"));

    [Fact]
    public void Grants_AllocatesNothing()
    {
        StringValues headers = "content-type, x-xsrf-token";

        Assert.Equal(0, Allocations.Of(() => Policy.Grants("POST", headers)));
    }
}
