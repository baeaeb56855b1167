from journeycheck.cli import main

main()
