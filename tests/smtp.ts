// A real SMTP server on 127.0.0.1 (the smtp-server package), started by the test that needs it, that keeps every
// message it accepts, parsed (in `received`, which survives a restart on the same port).
import type { AddressInfo } from 'node:net'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'

export async function startSmtp(port = 0, received: ParsedMail[] = []) {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream).then((mail) => {
				received.push(mail)
				callback()
			}, callback)
		},
	})
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(port, '127.0.0.1', () => resolve())
	})
	const boundPort = (server.server.address() as AddressInfo).port
	return {
		port: boundPort,
		received,
		transport: nodemailer.createTransport({ host: '127.0.0.1', port: boundPort, secure: false, ignoreTLS: true, connectionTimeout: 2_000 }),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	}
}

export const recipientOf = (mail: ParsedMail) => (mail.to as AddressObject).value[0]!.address
