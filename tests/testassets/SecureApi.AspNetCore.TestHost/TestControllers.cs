using FluentValidation;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace SecureApi.AspNetCore.TestHost;

/// <summary>
/// The test host's endpoints as an API controller, under <c>/test/controller</c>: what a service
/// built on controllers gets from the same pipeline.
/// </summary>
[ApiController]
[Route("test/controller")]
public sealed class EchoController : ControllerBase
{
    /// <summary>Answers the body back, as <c>POST /test/echo</c> does.</summary>
    [HttpPost("echo")]
    public ActionResult<EchoRequest> Echo(EchoRequest request) => request;

    /// <summary>Answers a body that <see cref="NoteRequestValidator"/> has checked.</summary>
    [HttpPost("notes")]
    public ActionResult<NoteRequest> Note(NoteRequest request) => request;

    /// <summary>Answers the page size it was asked for.</summary>
    [HttpGet("page")]
    public ActionResult<int> Page([FromQuery] int? limit) => limit ?? 10;

    /// <summary>A write under the <c>Admin</c> CORS policy and the <c>Token</c> rate limit.</summary>
    [HttpPut("admin/{id:int}")]
    [EnableCors("Admin")]
    [EnableRateLimiting("Token")]
    public ActionResult<int> Admin(int id) => id;
}

/// <summary>The body of <c>POST /test/echo</c>, which answers it back.</summary>
public sealed record EchoRequest(string? Text, int? Number);

/// <summary>A body with a validator of its own.</summary>
public sealed record NoteRequest(string? Title, int? Priority);

/// <summary>Validates <see cref="NoteRequest"/>.</summary>
public sealed class NoteRequestValidator : AbstractValidator<NoteRequest>
{
    /// <summary>A title, and a priority from 1 to 5.</summary>
    public NoteRequestValidator()
    {
        RuleFor(note => note.Title).NotEmpty().WithMessage("A title is required.");
        RuleFor(note => note.Priority).NotNull().InclusiveBetween(1, 5).WithMessage("The priority must be from 1 to 5.");
    }
}
