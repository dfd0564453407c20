import { PageTitle } from '#app/components/page.tsx'

export default function Privacy() {
	return (
		<div className="govuk-grid-row">
			<div className="govuk-grid-column-two-thirds">
				<PageTitle title="Privacy notice" />
				<h1 className="govuk-heading-l">Privacy notice</h1>
				<p className="govuk-body">
					The council is the data controller for the personal information in this service. Schools and settings use it on the council's behalf to
					carry out the annual review of children's and young people's education, health and care (EHC) plans.
				</p>
				<h2 className="govuk-heading-m">What we hold and why</h2>
				<p className="govuk-body">
					We hold the child's or young person's name, date of birth, unique pupil number, school, EHC plan, the views of the child and their family,
					advice from professionals and the council's decisions. We need it to meet our duties under the Children and Families Act 2014 (section 44)
					and the Special Educational Needs and Disability Regulations 2014. The lawful basis is public task (UK GDPR Article 6(1)(e)); health and
					other special category information is processed for substantial public interest (Article 9(2)(g)) and health and social care purposes
					(Article 9(2)(h)).
				</p>
				<h2 className="govuk-heading-m">Who can see it</h2>
				<p className="govuk-body">
					A school's staff see only the children of their own school; council staff see only their own council's children. Every view and download of
					a child's record is recorded, with who did it and when.
				</p>
				<h2 className="govuk-heading-m">How long we keep it</h2>
				<p className="govuk-body">
					We keep EHC plan records until the young person is 31 years old (25 years from the age of 25, in line with the council's retention
					schedule), then delete them.
				</p>
				<h2 className="govuk-heading-m">Your rights</h2>
				<p className="govuk-body">
					You can ask to see the information we hold about you, to have it corrected, or to complain to the Information Commissioner's Office. Contact
					your council's data protection officer.
				</p>
				<h2 className="govuk-heading-m">Cookies</h2>
				<p className="govuk-body">
					The service uses one essential cookie to keep you signed in. It is deleted when you sign out or after a period without use.
				</p>
			</div>
		</div>
	)
}
