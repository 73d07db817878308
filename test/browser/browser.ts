/**
 * Debian's chromium driven by playwright-core (never a downloaded browser): installed by
 * scripts/ensure-chromium.sh when missing.
 */
import { execFileSync } from "child_process"
import fs from "fs"
import net from "net"
import path from "path"
import { chromium, type Browser, type Page } from "playwright-core"

const CHROMIUM = "/usr/bin/chromium"

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    execFileSync(path.resolve(__dirname, "../../scripts/ensure-chromium.sh"), { stdio: "inherit" })
  }
  return await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  })
}

/** Logs in through the admin's own login form. */
export async function logIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/app/login`)
  await page.getByPlaceholder("Email").fill(email)
  await page.getByPlaceholder("Password").fill(password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((u) => !u.pathname.endsWith("/login"))
}

/** A port free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject)
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Polls `read` until `done` accepts its value; fails with the last value. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
