using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace SecureApi.Features.Accounts;

/// <summary>The user store: ASP.NET Core Identity's schema, created by the migrations in <c>Migrations/</c>.</summary>
/// <param name="options">The context's options.</param>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<IdentityUser>(options);
