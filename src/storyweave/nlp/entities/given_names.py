"""Given names that say a person's gender, for when the story itself does not (no "Mr."/"Ms.",
no "congresswoman"): a pronoun then knows whom it cannot mean, and "Ms. Clinton" which Clinton.

Only names borne overwhelmingly by one gender in English-language news; names given to both
(Chris, Pat, Kelly, Jordan, Taylor, Jamie, Robin, Dana, Leslie, Lee, Terry, Hilary ...) or
common as family names written first (Kim) are left out on purpose: an unknown gender only
withholds a guess, a wrong one misleads it. The story's own words always come first.
"""
from __future__ import annotations

MALE = frozenset("""
aaron abdul abraham adam adrian ahmed al alan albert alejandro alexander alfred ali allen alvin andre andrew
andy angelo anthony antonio antony arnold arthur barack barry ben benjamin bernard bernie bill billy bob bobby
boris brad bradley brandon brett brian bruce bryan carl carlos chad charles charlie chuck clarence claude clint
clifford colin craig curtis dan daniel danny darrell dave david dean dennis derek devin dick dmitry don
donald doug douglas duncan dwight earl ed eddie edward elijah emmanuel enrique eric ernest eugene evan felix
fernando francis francisco frank franklin fred frederick gabriel gary gavin gene geoffrey george gerald glenn
gordon graham greg gregory hakeem hank harold harry harvey hassan henry herbert howard hugh hunter ian ivan
jack jacob jake james jared jason jay jeb jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny
jon jonathan jorge jose joseph josh joshua juan julian justin keith ken kenneth kevin kurt larry lawrence 
leon leonard lloyd louis luis luke marco marcus mario mark martin marvin matt matthew maurice max
michael mick mickey miguel mike mitch mitchell mohammed muhammad nathan neil newt nicholas nick noah norman
oliver omar oscar patrick paul pedro perry pete peter phil philip phillip rafael ralph randall randy raul ray
raymond reince rex ricardo richard rick rob robert rod rodney roger roland ron ronald ross roy rudolph rudy
russell ryan sam samuel scott sean sergei seth shawn sherrod stanley stephen steve steven stuart ted 
theodore thomas tim timothy todd tom tommy tony travis trent troy tyler vernon victor vincent vladimir walter
warren wayne wesley will william willie xavier zachary antonin benedict boyd bret calvin cameron cecil cory
cyrus darren derrick desmond dominic duane dylan edgar elliot emil everett floyd gerard gilbert gustavo herman
homer horace hugo ira irving isaac jacques jeremiah jerrold joaquin kareem karl kirk kyle lamar lance leroy
lester lionel lorenzo luther malcolm manuel marc marshall melvin milton mitt mohamed morris nathaniel ned nigel
orrin owen percy rahm rand reed reggie reuben rich rocco rupert sergio sheldon sidney simon spencer stefan
sterling stewart tobias trevor tucker ulysses vance vince wade wallace ward wilbur winston woody
""".split())

FEMALE = frozenset("""
abigail alexandra alexandria alice alicia allison alyssa amanda amber amy ana angela angelina anita ann
anna anne annie april barbara betsy betty beverly brenda brittany carla carly carmen carol caroline carolyn
catherine cathy charlotte cheryl christina christine cindy claire claudia colleen connie crystal cynthia
daisy danielle darlene debbie deborah debra denise diana diane dianne donna doris dorothy edith eileen elaine
eleanor elena elise elizabeth ellen emily emma erica erin esther eva evelyn frances gabrielle gina gloria
grace gretchen hannah harriet heather heidi helen hillary holly ilhan irene jacqueline jane janet janice 
jeanne jennifer jessica jill joan joanna joanne jodi joni josephine joy joyce judith judy julia julie
karen katherine kathleen kathryn kathy katie kay kayleigh kimberly kirsten kristen kristin laura lauren
linda lisa liz lori loretta louise lucy maria marie marilyn marsha martha mary maureen megan melania
melissa michelle mildred nancy natalie nicole nikki nina norma olivia pamela patricia paula pauline peggy
phyllis rachel rebecca regina rita roberta rosa rose ruth sally samantha sandra sarah sharon shirley sonia
sophia stephanie sue susan suzanne sylvia tamara teresa theresa tiffany tina tulsi ursula valerie vanessa
victoria virginia wanda wendy whitney yvonne zoe adriana agnes alexis aline alma angie annette arlene audrey
beatrice bernadette bonnie camille candace cecilia chelsea christie clara cora daphne della dolores dora edna
elisa ella eloise estelle ethel eunice faith fiona flora florence gail georgia geraldine gwen harriet hazel
ida ingrid iris isabel isabella ivanka jenna jessie jocelyn juanita june kamala kate katharine katrina
keisha kristi kristina lana laurie leah lena lila lillian lois lorraine lydia mabel madeleine madeline mae
marcia margaret margarita meredith marian marianne marjorie marlene maxine meghan mia miriam molly monica muriel myra
naomi nora olga opal penelope priscilla renee rhonda rosalind roxanne sheila sherry stacey stella tammy tara
thelma tracey ursula vera viola vivian yolanda
""".split())


def gender_of_given_name(given: str) -> str:
 """ "m", "f", or "" when the name does not tell."""
 low = given.lower().rstrip(".")
 return "m" if low in MALE else "f" if low in FEMALE else ""
