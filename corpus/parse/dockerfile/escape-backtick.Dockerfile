# escape=`
# Windows-style escape: backslashes are plain characters, the backtick continues lines.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\app
COPY app.ps1 C:\app\
RUN powershell -Command `
    $ErrorActionPreference = 'Stop'; `
    Write-Host 'hello from C:\app'
CMD ["powershell", "-File", "C:\\app\\app.ps1"]
