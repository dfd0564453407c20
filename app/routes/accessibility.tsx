import { PageTitle } from '#app/components/page.tsx'

export default function Accessibility() {
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Accessibility statement" />
				<h1 className="govuk-heading-l">Accessibility statement for EHC annual reviews</h1>
				<p className="govuk-body">
					This statement applies to the EHC annual reviews service, which schools and the council use for the annual review of education, health and
					care (EHC) plans. The council runs this service and wants as many people as possible to be able to use it. You should be able to:
				</p>
				<ul className="govuk-list govuk-list--bullet">
					<li>change colours, contrast levels and fonts using your browser or device settings</li>
					<li>zoom in up to 400% without the text spilling off the screen</li>
					<li>navigate the whole service using just a keyboard</li>
					<li>navigate most of the service using speech recognition software</li>
					<li>listen to the service using a screen reader (including recent versions of JAWS, NVDA and VoiceOver)</li>
					<li>use every form with JavaScript switched off</li>
				</ul>
				<h2 className="govuk-heading-m">How accessible this service is</h2>
				<p className="govuk-body">
					The service is built to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard, using the GOV.UK Design System's
					patterns. Every page is checked automatically with axe-core in the service's tests.
				</p>
				<p className="govuk-body">
					Documents the service generates (review records, letters and notices) are tagged PDFs with a title and language; evidence uploaded by
					schools and professionals may not be accessible.
				</p>
				<h2 className="govuk-heading-m">Feedback and contact information</h2>
				<p className="govuk-body">
					If you need information in a different format, such as accessible PDF, large print, easy read, audio recording or braille, contact your
					council's SEN team. We'll reply within 5 working days.
				</p>
				<h2 className="govuk-heading-m">Enforcement procedure</h2>
				<p className="govuk-body">
					The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications)
					(No. 2) Accessibility Regulations 2018 (the 'accessibility regulations'). If you're not happy with how we respond to your complaint, contact
					the Equality Advisory and Support Service (EASS).
				</p>
				<h2 className="govuk-heading-m">Technical information about this service's accessibility</h2>
				<p className="govuk-body">The council is committed to making its websites accessible, in accordance with the accessibility regulations.</p>
				<h3 className="govuk-heading-s">Compliance status</h3>
				<p className="govuk-body">
					This service is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, as far as the council's own testing
					has found.
				</p>
				<h2 className="govuk-heading-m">Preparation of this accessibility statement</h2>
				<p className="govuk-body">
					This statement was prepared on 23 November 2026. It will be reviewed after every significant change to the service.
				</p>
			</div>
		</div>
	)
}
