using Billing.Storage.Auth;
using Billing.Storage.Connection;

namespace Billing.Storage.Tests.Auth;

/// <summary>
/// HMAC-SHA256 signatures with the emulator's published key, computed independently
/// (<c>printf '%b' "$s" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(base64 -d of the key as hex) -binary | base64</c>).
/// </summary>
public sealed class SharedKeySignatureTests
{
    public static TheoryData<string, string> Vectors => new()
    {
        {
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-version:2024-08-04\n/devstoreaccount1/devstoreaccount1/invoices/2024/inv-1.pdf",
            "F3k+g1H9kyOOEgmizqQtdfW8Uo6pPpjUg/Q1kpOFpgk="
        },
        { "Fri, 26 Jun 2015 23:39:12 GMT\n/devstoreaccount1/devstoreaccount1/Tables", "VuaBO8Q8Lunn8jBU8fntlFomiNq5rTcfxYB1f9a0Mb8=" },
        {
            "PUT\n\n\n11\n\ntext/plain\n\n\n\n*\n\n\nx-ms-blob-type:BlockBlob\nx-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-meta-customer:acme corp\nx-ms-version:2024-08-04\n/devstoreaccount1/devstoreaccount1/invoices/a.txt",
            "VKgl/ISmVBLPV85pawI6dDdAkhu7tDAw7mgKReL5JFs="
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signature_is_base64_hmac_sha256_of_the_string_to_sign_under_the_decoded_key(string stringToSign, string expected)
    {
        byte[] key = Convert.FromBase64String(DevelopmentStorage.AccountKey);

        Assert.Equal(expected, SharedKeyCanonicalizer.Sign(stringToSign, key));
    }
}
