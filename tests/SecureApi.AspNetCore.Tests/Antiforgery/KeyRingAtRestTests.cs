using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecureApi.AspNetCore.DataProtection;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>
/// The key ring encrypted at rest with a certificate from configuration, and the Production
/// warnings of a key ring that is not.
/// </summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-at-rest", Guid.NewGuid().ToString("N"));

    public KeyRingAtRestTests()
    {
        Directory.CreateDirectory(_folder);
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, Password));
    }

    private string CertificatePath => Path.Combine(_folder, "key-ring.pfx");

    private string KeyRing => Path.Combine(_folder, "keys");

    [Fact]
    public async Task WithACertificate_KeysAreEncryptedAtRest_AndAnotherInstanceReadsThem()
    {
        (string, string)[] settings =
        [
            ("DataProtection:KeyRingPath", KeyRing),
            ("DataProtection:Certificate:Path", CertificatePath),
            ("DataProtection:Certificate:Password", Password),
        ];
        using var first = new ApiFactory();
        var pair = await AntiforgeryTokenPair.FetchAsync(first.WithSettings(settings));

        var stored = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(KeyRing, "key-*.xml")));
        using var second = new ApiFactory();
        using var written = await pair.WriteAsync(second.WithSettings(settings));

        Assert.Contains("EncryptedData", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", stored, StringComparison.Ordinal);
        Assert.True(written.StatusCode == HttpStatusCode.OK, await written.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("")]
    public void ACertificateThatCannotBeLoaded_StopsTheServiceAtStartup(string password)
    {
        using var factory = new ApiFactory();
        using var misconfigured = factory.WithSettings(
            ("DataProtection:Certificate:Path", CertificatePath), ("DataProtection:Certificate:Password", password));

        StartupAssert.RefusesToStart(misconfigured, "DataProtection:Certificate:Path", CertificatePath);
    }

    [Fact]
    public void ACertificateSetInCode_WhichWouldEncryptNothing_StopsTheServiceAtStartup()
    {
        using var factory = new ApiFactory();
        using var misconfigured = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddApiDataProtection(keyRing => (keyRing.Certificate.Path, keyRing.Certificate.Password) = (CertificatePath, Password))));

        StartupAssert.RefusesToStart(misconfigured, "DataProtection:Certificate", CertificatePath);
    }

    [Fact]
    public void InProduction_AFolderKeyRingWithoutACertificate_IsReportedWithTheKeysToSet()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = new ApiFactory();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = host.CreateClient();

        var warnings = logs.Entries.Where(entry => entry.EventId.Id == 1002).Select(entry => entry.Message).ToList();
        Assert.Contains(warnings, warning => warning.Contains("DataProtection:KeyRingPath", StringComparison.Ordinal)
            && warning.Contains("Redis:Configuration", StringComparison.Ordinal));
        Assert.Contains(warnings, warning => warning.Contains("DataProtection:Certificate:Path", StringComparison.Ordinal));
        Assert.All(logs.Entries.Where(entry => entry.EventId.Id == 1002), entry => Assert.Equal(LogLevel.Warning, entry.Level));
    }

    [Fact]
    public void InDevelopment_NothingIsReported()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = new DevelopmentApiFactory();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = host.CreateClient();

        Assert.DoesNotContain(logs.Entries, entry => entry.EventId.Id == 1002);
    }

    [Fact]
    public async Task NewKeys_NameTheFrameworksDecryptor_AndAServiceWithoutThePackageReadsThem()
    {
        using var factory = new ApiFactory();
        using var service = factory.WithSettings(CertificateSettings());
        _ = await AntiforgeryTokenPair.FetchAsync(service);

        var stored = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(KeyRing, "key-*.xml")));
        Assert.Contains($"decryptorType=\"{typeof(EncryptedXmlDecryptor).AssemblyQualifiedName}\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("SecureApi", stored, StringComparison.Ordinal);

        // The framework alone, with the certificate: the package is not needed to read the keys.
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password);
        using var plain = FrameworkDataProtection(dataProtection => dataProtection.ProtectKeysWithCertificate(certificate));
        var key = Assert.Single(plain.GetRequiredService<IKeyManager>().GetAllKeys());
        Assert.NotNull(key.Descriptor);
    }

    [Fact]
    public void KeysWrittenBy02_StayReadable()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password);
        string payload;
        using (var version02 = FrameworkDataProtection(dataProtection => dataProtection.Services.Configure<KeyManagementOptions>(keys =>
            keys.XmlEncryptor = new Version02Encryptor(certificate))))
        {
            payload = version02.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade").Protect("written by 0.2");
        }

        Assert.Contains(typeof(KeyRingCertificateDecryptor).FullName!, File.ReadAllText(Assert.Single(Directory.GetFiles(KeyRing, "key-*.xml"))), StringComparison.Ordinal);

        using var factory = new ApiFactory();
        using var service = factory.WithSettings(CertificateSettings());
        var read = service.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade").Unprotect(payload);

        Assert.Equal("written by 0.2", read);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string, string)[] CertificateSettings() =>
    [
        ("DataProtection:KeyRingPath", KeyRing),
        ("DataProtection:Certificate:Path", CertificatePath),
        ("DataProtection:Certificate:Password", Password),
    ];

    private ServiceProvider FrameworkDataProtection(Action<IDataProtectionBuilder> encryption)
    {
        var services = new ServiceCollection();
        var dataProtection = services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(KeyRing))
            .SetApplicationName("SecureApi.AspNetCore.TestHost");
        encryption(dataProtection);
        return services.BuildServiceProvider();
    }

    // What 0.2 wrote: the framework's encrypted format, naming the package's own decryptor.
    private sealed class Version02Encryptor(X509Certificate2 certificate) : IXmlEncryptor
    {
        private readonly CertificateXmlEncryptor _encryptor = new(certificate, NullLoggerFactory.Instance);

        public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
            new(_encryptor.Encrypt(plaintextElement).EncryptedElement, typeof(KeyRingCertificateDecryptor));
    }
}
