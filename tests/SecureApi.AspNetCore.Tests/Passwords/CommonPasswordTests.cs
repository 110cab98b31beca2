using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.AspNetCore.Passwords;

namespace SecureApi.AspNetCore.Tests.Passwords;

/// <summary>
/// The passwords attackers try first are refused, offline, also with the digits, symbols and
/// letter swaps people put around them; passphrases and random passwords are not.
/// </summary>
public sealed class CommonPasswordTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("Password1234!")]
    [InlineData("P@ssw0rd2024")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("  iloveyou  ")]
    [InlineData("!!Sunshine!!99")]
    [InlineData("DRAGON-2025")]
    [InlineData("m0nk3y123456")]
    public void ACommonPassword_OrOneDressedUp_IsCommon(string password) =>
        Assert.True(CommonPasswords.IsCommon(password), password);

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("v7#Qm2!xLp9&Rz")]
    [InlineData("password manager vault 7")]
    [InlineData("Tr0ub4dor&3 is not my password")]
    [InlineData("blue-ostrich-canal-42")]
    [InlineData("1234 zebra quartz 5678")]
    public void AnUncommonPassword_IsNot(string password) =>
        Assert.False(CommonPasswords.IsCommon(password), password);

    [Fact]
    public void TheList_ShipsInThePackage_WithTensOfThousandsOfPasswords() =>
        Assert.InRange(CommonPasswords.Count, 40_000, 60_000);

    [Fact]
    public async Task Identity_RefusesACommonPassword_WithAnErrorNamingIt()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIdentityCore<IdentityUser>().AddApiPasswordBlocklist().AddApiPasswordBlocklist();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var validator = Assert.Single(scope.ServiceProvider.GetServices<IPasswordValidator<IdentityUser>>().OfType<CommonPasswordValidator<IdentityUser>>());
        var user = new IdentityUser("someone@example.com");

        var common = await validator.ValidateAsync(null!, user, "Password1234!");
        var uncommon = await validator.ValidateAsync(null!, user, "correct horse battery staple");

        Assert.Equal("PasswordTooCommon", Assert.Single(common.Errors).Code);
        Assert.True(uncommon.Succeeded);
    }
}
